//! Deterministic ids for imported records, so importing the same logbook twice adds nothing:
//! `insert_cases` skips a petition whose id is already stored.
//!
//! Name-based UUIDs hashed with SHA-256 (UUIDv8, the construction of RFC 9562 Appendix B.2):
//! UUIDv5 would do the same with SHA-1, but the crate's `v5` feature is not enabled and `sha2`
//! is already here. Either way the id depends only on the namespace and the name.

use crate::domain::Id;
use sha2::{Digest, Sha256};
use uuid::{Builder, Uuid};

/// Fixed forever: changing it would make every re-import a duplicate.
const NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_2a8e_4b7d_4c1a_9e35_7d2b_0c84_f5a1);

/// The id for `parts`, which are hashed with a separator so ("ab","c") ≠ ("a","bc").
pub fn name_based(parts: &[&str]) -> Id {
    let mut hasher = Sha256::new();
    hasher.update(NAMESPACE.as_bytes());
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    Builder::from_custom_bytes(bytes).into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_name_same_id() {
        let a = name_based(&["code", "2026-000001"]);
        assert_eq!(a, name_based(&["code", "2026-000001"]));
        assert_ne!(a, name_based(&["code", "2026-000002"]));
        assert_ne!(name_based(&["ab", "c"]), name_based(&["a", "bc"]));
        assert_eq!(a.get_version(), Some(uuid::Version::Custom));
    }
}
