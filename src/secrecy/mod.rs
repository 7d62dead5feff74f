//! Secrets the desk keeps outside its database (issue 11; the at-rest encryption of issue 13
//! builds on the same key).
//!
//! - [`DeskKey`]: 32 random bytes in `desk.key`, an owner-only (0600) file in the operator's
//!   configuration directory, created the first time it is needed. It never enters the database,
//!   a backup or an export: a copy of the database alone cannot be matched against.
//! - The keyed blind index: HMAC-SHA256 tokens of a denouncer's folded name words (and their typo
//!   keys), ID number and phone. The desk recognises a returning denouncer (Luật Tố cáo 2018,
//!   Điều 25) by computing the same tokens from what it types; the database holds no plaintext,
//!   and a reader without the key — an inspector — cannot compute a token to match one.

use crate::error::{Error, Result};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The key file's name in the configuration directory.
pub const KEY_FILE: &str = "desk.key";
const KEY_BYTES: usize = 32;
/// Bytes of each HMAC kept as a token: 128 bits, no collisions among a desk's terms.
const TOKEN_BYTES: usize = 16;

/// What a blind token stands for: the same text in two roles gives two unrelated tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blind {
    /// A folded name word as written.
    Word,
    /// A typo key of a name word (see `search::query::typo_keys`).
    TypoKey,
    /// The digits of a CCCD/CMND.
    IdNumber,
    /// A phone in its national form.
    Phone,
    /// The key's own fingerprint (tells whether the stored tokens were made with this key).
    Fingerprint,
}

impl Blind {
    fn domain(self) -> &'static [u8] {
        match self {
            Blind::Word => b"tiepdan/blind/word",
            Blind::TypoKey => b"tiepdan/blind/typo",
            Blind::IdNumber => b"tiepdan/blind/id",
            Blind::Phone => b"tiepdan/blind/phone",
            Blind::Fingerprint => b"tiepdan/blind/fingerprint",
        }
    }
}

/// The desk's secret key.
#[derive(Clone)]
pub struct DeskKey([u8; KEY_BYTES]);

impl std::fmt::Debug for DeskKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeskKey(…)")
    }
}

fn key_error(path: &Path, message: impl Into<String>) -> Error {
    Error::Config {
        file: path.display().to_string(),
        message: message.into(),
    }
}

impl DeskKey {
    /// A key from known bytes (tests).
    pub fn from_bytes(bytes: [u8; KEY_BYTES]) -> DeskKey {
        DeskKey(bytes)
    }

    /// Where the key of this configuration directory lives.
    pub fn path_in(dir: &Path) -> PathBuf {
        dir.join(KEY_FILE)
    }

    /// Reads the key in `dir`, None when there is none yet. A file that is not a key, or that
    /// others may read, is refused: the blind index is only as secret as this file.
    pub fn load(dir: &Path) -> Result<Option<DeskKey>> {
        let path = Self::path_in(dir);
        let file = match std::fs::File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(&path, e)),
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = file
                .metadata()
                .map_err(|e| Error::io(&path, e))?
                .permissions()
                .mode();
            if mode & 0o077 != 0 {
                return Err(key_error(
                    &path,
                    format!(
                        "others may read the desk key (mode {:o}); make it owner-only: chmod 600",
                        mode & 0o777
                    ),
                ));
            }
        }
        let mut text = String::new();
        file.take(1024)
            .read_to_string(&mut text)
            .map_err(|e| Error::io(&path, e))?;
        let text = text.trim();
        let bytes: Option<Vec<u8>> = (text.len() == 2 * KEY_BYTES)
            .then(|| {
                (0..KEY_BYTES)
                    .map(|i| u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok())
                    .collect()
            })
            .flatten();
        let Some(bytes) = bytes else {
            return Err(key_error(&path, "not a desk key (64 hexadecimal digits)"));
        };
        let mut key = [0u8; KEY_BYTES];
        key.copy_from_slice(&bytes);
        Ok(Some(DeskKey(key)))
    }

    /// Reads the key in `dir`, creating it (and the directory) the first time.
    pub fn load_or_create(dir: &Path) -> Result<DeskKey> {
        if let Some(key) = Self::load(dir)? {
            return Ok(key);
        }
        create_private_dir(dir)?;
        let mut key = [0u8; KEY_BYTES];
        for chunk in key.chunks_mut(4) {
            chunk.copy_from_slice(&rand::random::<u32>().to_le_bytes());
        }
        let path = Self::path_in(dir);
        let text: String = key.iter().map(|b| format!("{b:02x}")).collect();
        match crate::files::open_new_private(&path) {
            Ok(mut file) => {
                file.write_all(format!("{text}\n").as_bytes())
                    .and_then(|()| file.sync_all())
                    .map_err(|e| Error::io(&path, e))?;
                Ok(DeskKey(key))
            }
            // Another desk process made it first: use theirs.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Self::load(dir)?
                .ok_or_else(|| key_error(&path, "the desk key vanished while it was created")),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    /// The blind token of `text` in the role `what`: 32 hexadecimal digits.
    pub fn token(&self, what: Blind, text: &str) -> String {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0)
            .expect("HMAC takes a key of any length");
        mac.update(what.domain());
        mac.update(&[0]);
        mac.update(text.as_bytes());
        let digest = mac.finalize().into_bytes();
        digest[..TOKEN_BYTES]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Tells keys apart without revealing them.
    pub fn fingerprint(&self) -> String {
        self.token(Blind::Fingerprint, "")
    }
}

fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| Error::io(dir, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_made_once_owner_only_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("cfg");
        assert!(DeskKey::load(&config).unwrap().is_none());
        let made = DeskKey::load_or_create(&config).unwrap();
        let again = DeskKey::load_or_create(&config).unwrap();
        assert_eq!(made.fingerprint(), again.fingerprint());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(DeskKey::path_in(&config))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
            std::fs::set_permissions(
                DeskKey::path_in(&config),
                std::fs::Permissions::from_mode(0o644),
            )
            .unwrap();
            let err = DeskKey::load(&config).unwrap_err().to_string();
            assert!(err.contains("chmod 600"), "{err}");
            std::fs::set_permissions(
                DeskKey::path_in(&config),
                std::fs::Permissions::from_mode(0o600),
            )
            .unwrap();
        }
        std::fs::write(DeskKey::path_in(&config), "not a key").unwrap();
        assert!(DeskKey::load(&config).is_err());
    }

    #[test]
    fn tokens_depend_on_the_key_and_the_role() {
        let a = DeskKey::from_bytes([1; 32]);
        let b = DeskKey::from_bytes([2; 32]);
        assert_eq!(a.token(Blind::Word, "kin"), a.token(Blind::Word, "kin"));
        assert_ne!(a.token(Blind::Word, "kin"), b.token(Blind::Word, "kin"));
        assert_ne!(a.token(Blind::Word, "kin"), a.token(Blind::TypoKey, "kin"));
        assert_eq!(a.token(Blind::Phone, "0987654321").len(), 32);
        assert!(!a.token(Blind::Word, "kin").contains("kin"));
    }
}
