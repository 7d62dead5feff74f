//! Desk access tokens: `tdk1.<desk id>.<secret>`. The desk id lets the server find the desk
//! without scanning; the secret is 32 random bytes, stored only as an Argon2id hash.

use argon2::Argon2;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use uuid::Uuid;

const PREFIX: &str = "tdk1";

/// A new token for `desk` and the hash to store.
pub fn issue(desk: Uuid) -> (String, String) {
    let mut secret = [0u8; 32];
    OsRng.fill_bytes(&mut secret);
    let secret: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    let salt = SaltString::generate(&mut OsRng);
    let hash = Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .expect("argon2 hashes a 64-byte secret")
        .to_string();
    (format!("{PREFIX}.{}.{secret}", desk.simple()), hash)
}

/// The desk id and secret of a token as sent, if it has the token's shape.
pub fn parse(token: &str) -> Option<(Uuid, &str)> {
    let mut parts = token.trim().splitn(3, '.');
    if parts.next()? != PREFIX {
        return None;
    }
    let desk = Uuid::try_parse(parts.next()?).ok()?;
    let secret = parts.next()?;
    (secret.len() == 64 && secret.bytes().all(|b| b.is_ascii_hexdigit())).then_some((desk, secret))
}

/// Whether `secret` matches the stored hash.
pub fn verify(secret: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(secret.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_against_its_hash_and_nothing_else_does() {
        let desk = Uuid::now_v7();
        let (token, hash) = issue(desk);
        let (id, secret) = parse(&token).expect("a token parses");
        assert_eq!(id, desk);
        assert!(verify(secret, &hash));
        assert!(!hash.contains(secret), "the hash must not hold the secret");
        let mut wrong = secret.to_string();
        wrong.replace_range(0..1, if secret.starts_with('0') { "1" } else { "0" });
        assert!(!verify(&wrong, &hash));
        assert!(parse("tdk1.nonsense.abc").is_none());
        assert!(parse(&token.replace("tdk1", "xyz")).is_none());
    }
}
