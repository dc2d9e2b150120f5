//! Which address a request came from. Behind a reverse proxy or load balancer every request
//! arrives from the proxy; with `--trusted-proxy` Faro reads `X-Forwarded-For` instead, but only
//! the part written by trusted hops: the header is read from the right, skipping trusted
//! addresses, and the first untrusted one is the client. Without the setting, the TCP peer.

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use faro_app::request::ClientAddress;
use http::HeaderMap;
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The networks whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Arc<Vec<IpNet>>);

impl TrustedProxies {
    pub fn new(networks: Vec<IpNet>) -> TrustedProxies {
        TrustedProxies(Arc::new(networks))
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = canonical(address);
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client's address for a request from `peer` with these headers.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = canonical(peer);
        if !self.trusts(client) {
            return client;
        }
        let forwarded: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .collect();
        for hop in forwarded.iter().rev() {
            let Some(address) = parse_hop(hop) else {
                // Garbage from a hop we trust: stop at the last address we know.
                return client;
            };
            client = canonical(address);
            if !self.trusts(client) {
                return client;
            }
        }
        client
    }
}

/// A network (`10.0.0.0/8`) or one address (`10.0.0.7`), as `--trusted-proxy` takes them.
pub fn parse_network(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("{text:?} is not an address or network such as 10.0.0.0/8"))
}

fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

/// IPv4 addresses seen through an IPv6 socket (`::ffff:10.0.0.1`) compare as IPv4.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 => v4,
    }
}

/// Puts the request's [`ClientAddress`] where the app finds it.
pub async fn layer(
    State(trusted): State<TrustedProxies>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut request: Request,
    next: Next,
) -> Response {
    let client = trusted.client(peer.ip(), request.headers());
    request.extensions_mut().insert(ClientAddress(client));
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(forwarded: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in forwarded {
            headers.append("x-forwarded-for", value.parse().unwrap());
        }
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client() {
        let none = TrustedProxies::default();
        assert_eq!(
            none.client(ip("10.0.0.5"), &headers(&["203.0.113.9"])),
            ip("10.0.0.5")
        );
    }

    #[test]
    fn a_trusted_proxy_tells_the_client_and_a_forged_left_part_is_ignored() {
        let trusted = TrustedProxies::new(vec![parse_network("10.0.0.0/8").unwrap()]);
        // The client wrote "1.2.3.4" itself; the proxy appended the address it saw.
        let forwarded = headers(&["1.2.3.4, 203.0.113.9"]);
        assert_eq!(
            trusted.client(ip("10.0.0.5"), &forwarded),
            ip("203.0.113.9")
        );
        // Two trusted hops.
        let forwarded = headers(&["198.51.100.7", "10.1.1.1"]);
        assert_eq!(
            trusted.client(ip("10.0.0.5"), &forwarded),
            ip("198.51.100.7")
        );
        // A request straight from the internet cannot choose its address.
        assert_eq!(
            trusted.client(ip("203.0.113.50"), &headers(&["10.0.0.1"])),
            ip("203.0.113.50")
        );
        // No header: the proxy itself.
        assert_eq!(
            trusted.client(ip("10.0.0.5"), &headers(&[])),
            ip("10.0.0.5")
        );
        // Garbage: the last address known.
        assert_eq!(
            trusted.client(ip("10.0.0.5"), &headers(&["203.0.113.9, nonsense"])),
            ip("10.0.0.5")
        );
        assert_eq!(
            trusted.client(ip("::ffff:10.0.0.5"), &headers(&["203.0.113.9"])),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn networks_and_single_addresses_are_accepted() {
        assert!(parse_network("10.0.0.0/8").is_ok());
        assert!(parse_network("10.0.0.7").is_ok());
        assert!(parse_network("fd00::/8").is_ok());
        assert!(parse_network("ten").is_err());
    }
}
