//! A small threaded HTTP/1.1 server on 127.0.0.1 whose handler can also misbehave on purpose:
//! hang, reset the connection, close without answering, answer slowly, or cut a body short.
//!
//! Every connection is answered with `Connection: close`. The server stops (and joins its
//! threads' accept loop) when dropped; hanging connections are released at the same time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// A parsed request head.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The path without the query, percent-decoded (the go command sends `!` as `%21`).
    pub path: String,
    pub query: String,
    pub headers: Vec<(String, String)>,
    /// The body (by `Content-Length` or chunked), at most [`MAX_BODY`] bytes.
    pub body: Vec<u8>,
}

/// The largest request body read.
pub const MAX_BODY: usize = 16 * 1024 * 1024;

impl Request {
    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the server does with a request.
#[derive(Debug, Clone)]
pub enum Reply {
    Response {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Waits, then does the inner reply.
    Delayed(Duration, Box<Reply>),
    /// Reads the request and never answers, until the server stops.
    Hang,
    /// Closes with a TCP reset (unread request data makes the kernel send RST).
    Reset,
    /// Closes the connection without a byte of response.
    Eof,
    /// Sends the head with the full `Content-Length` but only `sent` bytes of the body.
    Truncated { status: u16, body: Vec<u8>, sent: usize },
}

impl Reply {
    /// A `text/plain` response.
    pub fn text(status: u16, body: impl Into<String>) -> Reply {
        Reply::with_type(status, "text/plain; charset=utf-8", body.into().into_bytes())
    }

    /// A response with a content type.
    pub fn with_type(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply::Response {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body,
        }
    }

    /// A redirect to `location`.
    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::Response {
            status,
            headers: vec![("Location".into(), location.into())],
            body: Vec::new(),
        }
    }
}

/// The handler a server runs for every request.
pub type Handler = Arc<dyn Fn(&Request) -> Reply + Send + Sync>;

/// A running server; stopped when dropped.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    scheme: &'static str,
    stopping: Arc<AtomicBool>,
    accept_loop: Option<JoinHandle<()>>,
}

/// How a listener treats its connections.
#[derive(Clone)]
enum Mode {
    Plain(Handler),
    Tls(Arc<rustls::ServerConfig>, Handler),
    /// Accepts and holds every connection without reading or writing a byte.
    Silent,
}

impl Server {
    /// Starts serving `handler` over HTTP on 127.0.0.1 at an OS-chosen port.
    pub fn start(handler: Handler) -> std::io::Result<Server> {
        Server::start_on("127.0.0.1:0", handler)
    }

    /// Starts serving `handler` over HTTP on `addr` (a loopback address).
    pub fn start_on(addr: &str, handler: Handler) -> std::io::Result<Server> {
        Server::spawn(addr, Mode::Plain(handler))
    }

    /// Starts serving `handler` over HTTPS on `addr` with `config`.
    pub fn start_tls(addr: &str, config: Arc<rustls::ServerConfig>, handler: Handler) -> std::io::Result<Server> {
        Server::spawn(addr, Mode::Tls(config, handler))
    }

    /// Starts a listener that accepts connections and never answers (a stalled TLS handshake or
    /// a black-holed proxy, as the client sees it).
    pub fn start_silent(addr: &str) -> std::io::Result<Server> {
        Server::spawn(addr, Mode::Silent)
    }

    fn spawn(addr: &str, mode: Mode) -> std::io::Result<Server> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let scheme = if matches!(mode, Mode::Tls(..)) { "https" } else { "http" };
        let stopping = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stopping);
        let accept_loop = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (mode, flag) = (mode.clone(), Arc::clone(&flag));
                std::thread::spawn(move || serve_connection(stream, mode, &flag));
            }
        });
        Ok(Server {
            addr,
            scheme,
            stopping,
            accept_loop: Some(accept_loop),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:<port>` (or `https://…`).
    pub fn url(&self) -> String {
        format!("{}://{}", self.scheme, self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(handle) = self.accept_loop.take() {
            let _ = handle.join();
        }
    }
}

/// Reads a request (head at most 64 KiB), or `None` if the client sent garbage or nothing.
fn read_request<S: Read>(reader: &mut BufReader<S>) -> Option<Request> {
    let mut head = Vec::new();
    let mut size = 0;
    loop {
        let mut line = Vec::new();
        let n = reader.by_ref().take(8192).read_until(b'\n', &mut line).ok()?;
        size += n;
        if n == 0 || size > 64 * 1024 {
            return None;
        }
        if line == b"\r\n" || line == b"\n" {
            break;
        }
        head.push(String::from_utf8_lossy(&line).trim_end().to_owned());
    }
    let mut words = head.first()?.split(' ');
    let (method, target) = (words.next()?.to_owned(), words.next()?);
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let headers = head[1..]
        .iter()
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut request = Request {
        method,
        path: percent_decode(path),
        query: query.to_owned(),
        headers,
        body: Vec::new(),
    };
    request.body = read_body(reader, &request)?;
    Some(request)
}

/// Reads the body announced by `Content-Length` or `Transfer-Encoding: chunked`.
fn read_body<S: Read>(reader: &mut BufReader<S>, request: &Request) -> Option<Vec<u8>> {
    if let Some(length) = request.header("Content-Length") {
        let length: usize = length.parse().ok().filter(|n| *n <= MAX_BODY)?;
        let mut body = vec![0; length];
        reader.read_exact(&mut body).ok()?;
        return Some(body);
    }
    let chunked = request
        .header("Transfer-Encoding")
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"));
    if !chunked {
        return Some(Vec::new());
    }
    let mut body = Vec::new();
    loop {
        let mut line = String::new();
        reader.by_ref().take(1024).read_line(&mut line).ok()?;
        let size = usize::from_str_radix(line.trim().split(';').next()?, 16).ok()?;
        if size == 0 {
            // Trailers, then the final empty line.
            loop {
                let mut trailer = String::new();
                let n = reader.by_ref().take(8192).read_line(&mut trailer).ok()?;
                if n == 0 || trailer.trim().is_empty() {
                    return Some(body);
                }
            }
        }
        if body.len() + size > MAX_BODY {
            return None;
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..]).ok()?;
        let mut crlf = [0u8; 2];
        reader.read_exact(&mut crlf).ok()?;
    }
}

/// Decodes `%XX` escapes; malformed ones stay as they are.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn serve_connection(tcp: TcpStream, mode: Mode, stopping: &AtomicBool) {
    let _ = tcp.set_read_timeout(Some(Duration::from_secs(30)));
    match mode {
        Mode::Silent => sleep_unless_stopping(Duration::from_secs(3600), stopping),
        Mode::Plain(handler) => {
            let Ok(mut stream) = tcp.try_clone() else {
                return;
            };
            serve_stream(&mut stream, tcp, &handler, stopping);
        }
        Mode::Tls(config, handler) => {
            let (Ok(connection), Ok(clone)) = (rustls::ServerConnection::new(config), tcp.try_clone()) else {
                return;
            };
            let mut stream = rustls::StreamOwned::new(connection, clone);
            serve_stream(&mut stream, tcp, &handler, stopping);
        }
    }
}

/// Reads one request from `stream` and carries out the handler's reply; `tcp` is the socket
/// under it, for resets and shutdowns.
fn serve_stream<S: Read + Write>(stream: &mut S, tcp: TcpStream, handler: &Handler, stopping: &AtomicBool) {
    let Some(request) = read_request(&mut BufReader::new(&mut *stream)) else {
        return;
    };
    let mut reply = handler(&request);
    loop {
        match reply {
            Reply::Delayed(delay, inner) => {
                sleep_unless_stopping(delay, stopping);
                reply = *inner;
            }
            Reply::Hang => {
                sleep_unless_stopping(Duration::from_secs(3600), stopping);
                return;
            }
            Reply::Reset => {
                reset(tcp);
                return;
            }
            Reply::Eof => {
                let _ = tcp.shutdown(Shutdown::Both);
                return;
            }
            Reply::Response { status, headers, body } => {
                let _ = write_response(stream, status, &headers, &body, body.len());
                let _ = tcp.shutdown(Shutdown::Write);
                return;
            }
            Reply::Truncated { status, body, sent } => {
                let _ = write_response(stream, status, &[], &body[..sent.min(body.len())], body.len());
                let _ = tcp.shutdown(Shutdown::Both);
                return;
            }
        }
    }
}

/// Closes `stream` so that the peer sees a reset: SO_LINGER with a zero timeout, then close.
fn reset(stream: TcpStream) {
    let _ = socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO));
    drop(stream);
}

/// Sleeps `total` in short steps so a stopping server lets go; the steps aim at one deadline, so
/// late wake-ups on a busy machine do not add up (an injected latency stays that latency).
fn sleep_unless_stopping(total: Duration, stopping: &AtomicBool) {
    let step = Duration::from_millis(50);
    let deadline = std::time::Instant::now() + total;
    while !stopping.load(Ordering::SeqCst) {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return;
        }
        std::thread::sleep(step.min(left));
    }
}

fn write_response<S: Write>(
    stream: &mut S,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    content_length: usize,
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {content_length}\r\nConnection: close\r\n\r\n"
    ));
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

/// The standard reason phrase, as the go command prints it (`404 Not Found`).
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        307 => "Temporary Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        407 => "Proxy Authentication Required",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(
            percent_decode("/github.com/%21sirupsen/logrus/@v/list"),
            "/github.com/!sirupsen/logrus/@v/list"
        );
        assert_eq!(percent_decode("/a%2"), "/a%2");
        assert_eq!(percent_decode("/%zz%41"), "/%zzA");
    }

    #[test]
    fn serves_faults_over_real_sockets() {
        let handler: Handler = Arc::new(|r: &Request| match r.path.as_str() {
            "/reset" => Reply::Reset,
            "/eof" => Reply::Eof,
            "/echo" => Reply::Response {
                status: 200,
                headers: vec![],
                body: r.body.clone(),
            },
            "/cut" => Reply::Truncated {
                status: 200,
                body: vec![b'x'; 100],
                sent: 10,
            },
            _ => Reply::text(200, format!("path {}", r.path)),
        });
        let server = Server::start(handler).unwrap();
        let send = |request: &str| -> std::io::Result<Vec<u8>> {
            let mut stream = TcpStream::connect(server.addr())?;
            stream.write_all(request.as_bytes())?;
            let mut response = Vec::new();
            stream.read_to_end(&mut response)?;
            Ok(response)
        };
        let get = |path: &str| send(&format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n"));
        let ok = String::from_utf8(get("/a%21b").unwrap()).unwrap();
        assert!(
            ok.starts_with("HTTP/1.1 200 OK\r\n") && ok.ends_with("path /a!b"),
            "{ok}"
        );
        assert_eq!(
            get("/reset").map_err(|e| e.kind()),
            Err(std::io::ErrorKind::ConnectionReset)
        );
        assert_eq!(get("/eof").unwrap(), b"");
        let cut = String::from_utf8(get("/cut").unwrap()).unwrap();
        assert!(
            cut.contains("Content-Length: 100\r\n") && cut.ends_with("\r\n\r\nxxxxxxxxxx"),
            "{cut}"
        );
        let sized = send("POST /echo HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello").unwrap();
        assert!(sized.ends_with(b"\r\n\r\nhello"));
        let chunked = "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n";
        let echoed = send(chunked).unwrap();
        assert!(echoed.ends_with(b"Content-Length: 5\r\nConnection: close\r\n\r\nabcde"));
    }
}
