//! Certificates for the HTTPS servers: a test certificate authority the go command is told to
//! trust (`SSL_CERT_FILE`), and the bad certificates users meet (self-signed, expired, issued
//! for another name).

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
use rustls::ServerConfig;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::sync::Arc;

/// Whether a certificate is valid now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    Current,
    /// Valid in 2020 only.
    Expired,
}

/// A certificate authority that signs server certificates.
pub struct Authority {
    issuer: Issuer<'static, KeyPair>,
    cert: CertificateDer<'static>,
    pem: String,
}

impl std::fmt::Debug for Authority {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authority").finish_non_exhaustive()
    }
}

impl Authority {
    /// A new authority whose certificate says `common_name`.
    pub fn new(common_name: &str) -> Result<Authority, rcgen::Error> {
        let key = KeyPair::generate()?;
        let mut params = CertificateParams::new(Vec::<String>::new())?;
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, common_name);
        params.distinguished_name.push(DnType::OrganizationName, common_name);
        let cert = params.self_signed(&key)?;
        let pem = cert.pem();
        let der = cert.der().clone();
        Ok(Authority {
            issuer: Issuer::new(params, key),
            cert: der,
            pem,
        })
    }

    /// The authority's certificate in PEM, for `SSL_CERT_FILE`.
    pub fn pem(&self) -> &str {
        &self.pem
    }

    /// A server configuration presenting a certificate for `names`, signed by this authority.
    pub fn server_config(&self, names: &[&str], validity: Validity) -> Result<Arc<ServerConfig>, String> {
        let key = KeyPair::generate().map_err(|e| e.to_string())?;
        let params = leaf_params(names, validity)?;
        let cert = params.signed_by(&key, &self.issuer).map_err(|e| e.to_string())?;
        config(vec![cert.der().clone(), self.cert.clone()], &key)
    }
}

/// A server configuration presenting a self-signed certificate for `names`.
pub fn self_signed_config(names: &[&str]) -> Result<Arc<ServerConfig>, String> {
    let key = KeyPair::generate().map_err(|e| e.to_string())?;
    let cert = leaf_params(names, Validity::Current)?
        .self_signed(&key)
        .map_err(|e| e.to_string())?;
    config(vec![cert.der().clone()], &key)
}

fn leaf_params(names: &[&str], validity: Validity) -> Result<CertificateParams, String> {
    let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
    let mut params = CertificateParams::new(names.clone()).map_err(|e| e.to_string())?;
    params
        .distinguished_name
        .push(DnType::CommonName, names.first().cloned().unwrap_or_default());
    if validity == Validity::Expired {
        params.not_before = rcgen::date_time_ymd(2020, 1, 1);
        params.not_after = rcgen::date_time_ymd(2020, 12, 31);
    }
    Ok(params)
}

fn config(chain: Vec<CertificateDer<'static>>, key: &KeyPair) -> Result<Arc<ServerConfig>, String> {
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let config = ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| e.to_string())?;
    Ok(Arc::new(config))
}
