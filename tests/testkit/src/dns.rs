//! A DNS responder on UDP that fails every query the way broken resolvers do.

use std::net::UdpSocket;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// How every query is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum DnsMode {
    /// NXDOMAIN: `no such host`.
    NoSuchHost = 3,
    /// SERVFAIL: `server misbehaving`.
    ServerFailure = 2,
    /// No answer at all: `i/o timeout`.
    Silent = 0,
}

/// A running responder; stopped when dropped.
#[derive(Debug)]
pub struct DnsServer {
    addr: std::net::SocketAddr,
    mode: Arc<AtomicU8>,
    stopping: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl DnsServer {
    /// Listens on `addr` (e.g. `127.0.0.1:53`).
    pub fn start(addr: &str, mode: DnsMode) -> std::io::Result<DnsServer> {
        let socket = UdpSocket::bind(addr)?;
        socket.set_read_timeout(Some(Duration::from_millis(100)))?;
        let addr = socket.local_addr()?;
        let mode_cell = Arc::new(AtomicU8::new(mode as u8));
        let stopping = Arc::new(AtomicBool::new(false));
        let (mode, flag) = (Arc::clone(&mode_cell), Arc::clone(&stopping));
        let thread = std::thread::spawn(move || {
            let mut buffer = [0u8; 1500];
            while !flag.load(Ordering::SeqCst) {
                let Ok((n, peer)) = socket.recv_from(&mut buffer) else {
                    continue;
                };
                let rcode = mode.load(Ordering::SeqCst);
                if rcode == DnsMode::Silent as u8 {
                    continue;
                }
                if let Some(answer) = answer(&buffer[..n], rcode) {
                    let _ = socket.send_to(&answer, peer);
                }
            }
        });
        Ok(DnsServer {
            addr,
            mode: mode_cell,
            stopping,
            thread: Some(thread),
        })
    }

    pub fn addr(&self) -> std::net::SocketAddr {
        self.addr
    }

    /// Changes how later queries are answered.
    pub fn set_mode(&self, mode: DnsMode) {
        self.mode.store(mode as u8, Ordering::SeqCst);
    }
}

impl Drop for DnsServer {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A response to `query` with no answers and response code `rcode`, the question echoed.
fn answer(query: &[u8], rcode: u8) -> Option<Vec<u8>> {
    if query.len() < 12 {
        return None;
    }
    // Walk the first question: labels, then type and class.
    let mut at = 12;
    loop {
        let len = usize::from(*query.get(at)?);
        at += 1;
        if len == 0 {
            break;
        }
        at += len;
    }
    let question = query.get(12..at + 4)?;
    let mut out = Vec::with_capacity(12 + question.len());
    out.extend_from_slice(&query[..2]); // id
    out.push(0x80 | (query[2] & 0x79)); // QR, opcode, RD
    out.push(0x80 | (rcode & 0x0f)); // RA, rcode
    out.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 0]);
    out.extend_from_slice(question);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_with_the_rcode_and_the_question() {
        let mut query = vec![0xab, 0xcd, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
        query.extend_from_slice(b"\x05proxy\x06golang\x03org\x00\x00\x01\x00\x01");
        let reply = answer(&query, 3).unwrap();
        assert_eq!(&reply[..4], &[0xab, 0xcd, 0x81, 0x83]);
        assert_eq!(&reply[12..], &query[12..]);
        assert_eq!(answer(&query[..20], 3), None, "a truncated question");
    }

    #[test]
    fn serves_on_udp_and_switches_modes() {
        let server = DnsServer::start("127.0.0.1:0", DnsMode::ServerFailure).unwrap();
        let client = UdpSocket::bind("127.0.0.1:0").unwrap();
        client.set_read_timeout(Some(Duration::from_millis(500))).unwrap();
        let mut query = vec![0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
        query.extend_from_slice(b"\x02go\x03dev\x00\x00\x1c\x00\x01");
        let mut buffer = [0u8; 512];
        client.send_to(&query, server.addr()).unwrap();
        let n = client.recv(&mut buffer).unwrap();
        assert_eq!(&buffer[..4], &[0x12, 0x34, 0x81, 0x82]);
        assert_eq!(n, query.len());
        server.set_mode(DnsMode::Silent);
        client.send_to(&query, server.addr()).unwrap();
        assert!(client.recv(&mut buffer).is_err(), "a silent server never answers");
    }
}
