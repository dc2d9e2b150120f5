//! Single-use secret tokens for links (invitations, password resets), server only. The link
//! carries the token; the database keeps only its SHA-256, so a copy of the database cannot be
//! turned into working links.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// A fresh token for a link, and the hash to store.
pub fn generate() -> (String, String) {
    let bytes: [u8; 32] = rand::random();
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash(&token);
    (token, hash)
}

/// The stored form of a token.
pub fn hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_unique_and_stored_only_as_hashes() {
        let (a, a_hash) = generate();
        let (b, _) = generate();
        assert_eq!(a.len(), 43, "32 bytes of randomness");
        assert_ne!(a, b);
        assert_eq!(a_hash, hash(&a));
        assert_eq!(a_hash.len(), 64);
        assert!(!a_hash.contains(&a));
    }
}
