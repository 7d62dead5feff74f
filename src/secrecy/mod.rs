//! Secrets the desk keeps outside its database (issue 11; the at-rest encryption of issue 13
//! builds on the same key).
//!
//! - [`DeskKey`]: 32 random bytes in `desk.key`, an owner-only (0600) file in the operator's
//!   configuration directory, created the first time it is needed. It never enters the database,
//!   a backup or an export: a copy of the database alone cannot be matched against.
//! - Field-level encryption at rest (issue 13): a denouncer's identity and a denunciation's
//!   subject and summary are stored as XChaCha20-Poly1305 ciphertexts ([`DeskKey::seal`]) under a
//!   subkey of the desk key, each bound to its row; the clear columns hold nothing of them.
//! - The keyed blind index: HMAC-SHA256 tokens of a denouncer's folded name words (and their typo
//!   keys), ID number and phone. The desk recognises a returning denouncer (Luật Tố cáo 2018,
//!   Điều 25) by computing the same tokens from what it types; the database holds no plaintext,
//!   and a reader without the key — an inspector — cannot compute a token to match one.

use crate::error::{Error, Result};
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
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

/// Subkeys of the desk key, each for one purpose: a key never serves two algorithms.
const SEAL_LABEL: &[u8] = b"tiepdan/subkey/seal/v1";
const BLIND_LABEL: &[u8] = b"tiepdan/subkey/blind/v1";
const KEY_ID_LABEL: &[u8] = b"tiepdan/subkey/key-id/v1";

/// The first byte of a sealed value: the format (version 1: key id, nonce, ciphertext‖tag).
const SEALED_V1: u8 = 1;
/// Bytes of the key id written in front of each sealed value (tells the key that sealed it).
pub const KEY_ID_BYTES: usize = 4;
const NONCE_BYTES: usize = 24;
const SEALED_HEADER: usize = 1 + KEY_ID_BYTES + NONCE_BYTES;

/// Bytes as lowercase hexadecimal digits.
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes from hexadecimal digits; None when `text` is not an even run of them.
pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len() / 2)
        .map(|i| u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}

/// Random bytes from the thread's CSPRNG (seeded by the operating system).
fn random_bytes<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    for chunk in out.chunks_mut(4) {
        let word = rand::random::<u32>().to_le_bytes();
        chunk.copy_from_slice(&word[..chunk.len()]);
    }
    out
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

    /// A fresh random key.
    pub fn generate() -> DeskKey {
        DeskKey(random_bytes())
    }

    /// The key as the key file writes it: 64 hexadecimal digits.
    pub fn to_hex(&self) -> String {
        to_hex(&self.0)
    }

    /// A key from its 64 hexadecimal digits (the key file, a recovery sheet).
    pub fn from_hex(text: &str) -> Option<DeskKey> {
        from_hex(text.trim())?.try_into().ok().map(DeskKey)
    }

    fn subkey(&self, label: &[u8]) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0)
            .expect("HMAC takes a key of any length");
        mac.update(label);
        mac.finalize().into_bytes().into()
    }

    /// Names this key in front of every value it seals, so a rotated or foreign key is told
    /// apart from a damaged value.
    pub fn key_id(&self) -> [u8; KEY_ID_BYTES] {
        let sub = self.subkey(KEY_ID_LABEL);
        let mut id = [0u8; KEY_ID_BYTES];
        id.copy_from_slice(&sub[..KEY_ID_BYTES]);
        id
    }

    /// Encrypts `plain` with XChaCha20-Poly1305 under the sealing subkey and a fresh random
    /// nonce, bound to `bound` (the row it belongs to: a value moved to another row no longer
    /// opens). Returns version ‖ key id ‖ nonce ‖ ciphertext ‖ tag.
    pub fn seal(&self, bound: &[u8], plain: &[u8]) -> Vec<u8> {
        let cipher = XChaCha20Poly1305::new(&self.subkey(SEAL_LABEL).into());
        let nonce: [u8; NONCE_BYTES] = random_bytes();
        let sealed = cipher
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plain,
                    aad: bound,
                },
            )
            .expect("XChaCha20-Poly1305 seals any value a desk stores");
        let mut out = Vec::with_capacity(SEALED_HEADER + sealed.len());
        out.push(SEALED_V1);
        out.extend_from_slice(&self.key_id());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    /// Opens a value [`DeskKey::seal`] made with this key for `bound`; None when another key
    /// sealed it, it belongs to another row, or it was altered.
    pub fn open(&self, bound: &[u8], sealed: &[u8]) -> Option<Vec<u8>> {
        if sealed.len() < SEALED_HEADER || sealed[0] != SEALED_V1 {
            return None;
        }
        if sealed[1..1 + KEY_ID_BYTES] != self.key_id() {
            return None;
        }
        let cipher = XChaCha20Poly1305::new(&self.subkey(SEAL_LABEL).into());
        let nonce: [u8; NONCE_BYTES] = sealed[1 + KEY_ID_BYTES..SEALED_HEADER].try_into().ok()?;
        cipher
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: &sealed[SEALED_HEADER..],
                    aad: bound,
                },
            )
            .ok()
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
        match DeskKey::from_hex(&text) {
            Some(key) => Ok(Some(key)),
            None => Err(key_error(&path, "not a desk key (64 hexadecimal digits)")),
        }
    }

    /// Reads the key in `dir`, creating it (and the directory) the first time.
    pub fn load_or_create(dir: &Path) -> Result<DeskKey> {
        if let Some(key) = Self::load(dir)? {
            return Ok(key);
        }
        create_private_dir(dir)?;
        let key = DeskKey::generate();
        let path = Self::path_in(dir);
        match crate::files::open_new_private(&path) {
            Ok(mut file) => {
                file.write_all(format!("{}\n", key.to_hex()).as_bytes())
                    .and_then(|()| file.sync_all())
                    .map_err(|e| Error::io(&path, e))?;
                Ok(key)
            }
            // Another desk process made it first: use theirs.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Self::load(dir)?
                .ok_or_else(|| key_error(&path, "the desk key vanished while it was created")),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    /// Where a rotation writes the next key before the database is re-sealed with it.
    pub fn next_path_in(dir: &Path) -> PathBuf {
        dir.join(format!("{KEY_FILE}.next"))
    }

    /// The key a rotation left half-done (written, not yet in place), if any.
    pub fn load_next(dir: &Path) -> Result<Option<DeskKey>> {
        let next = Self::next_path_in(dir);
        if !next.exists() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(&next).map_err(|e| Error::io(&next, e))?;
        DeskKey::from_hex(&text)
            .map(Some)
            .ok_or_else(|| key_error(&next, "not a desk key (64 hexadecimal digits)"))
    }

    /// Writes this key as the next key of `dir` (owner-only, synced): the first half of a
    /// rotation. A leftover from an interrupted one is replaced.
    pub fn write_next(&self, dir: &Path) -> Result<()> {
        let next = Self::next_path_in(dir);
        match std::fs::remove_file(&next) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(&next, e)),
            _ => {}
        }
        let mut file = crate::files::open_new_private(&next).map_err(|e| Error::io(&next, e))?;
        file.write_all(format!("{}\n", self.to_hex()).as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| Error::io(&next, e))
    }

    /// Puts the next key in place of the key (the second half of a rotation, once the database
    /// is sealed with it).
    pub fn commit_next(dir: &Path) -> Result<()> {
        let next = Self::next_path_in(dir);
        let path = Self::path_in(dir);
        std::fs::rename(&next, &path).map_err(|e| Error::io(&path, e))
    }

    /// Drops a next key the database was not sealed with (a rotation that never committed).
    pub fn discard_next(dir: &Path) -> Result<()> {
        let next = Self::next_path_in(dir);
        match std::fs::remove_file(&next) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&next, e)),
            _ => Ok(()),
        }
    }

    /// The recovery sheet of this key (`tiepdan key export-recovery`): what to seal in an
    /// envelope, kept by the head of the agency as "Mật".
    pub fn write_recovery(&self, path: &Path, sheet: &str) -> Result<()> {
        let mut file = crate::files::open_new_private(path).map_err(|e| Error::io(path, e))?;
        file.write_all(sheet.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| Error::io(path, e))
    }

    /// The key id as hexadecimal digits (printed by `tiepdan key`).
    pub fn key_id_hex(&self) -> String {
        to_hex(&self.key_id())
    }

    /// The key id a sealed value names (None for a value that is not one).
    pub fn sealed_key_id(sealed: &[u8]) -> Option<[u8; KEY_ID_BYTES]> {
        (sealed.len() >= SEALED_HEADER && sealed[0] == SEALED_V1)
            .then(|| sealed[1..1 + KEY_ID_BYTES].try_into().ok())
            .flatten()
    }

    /// The blind token of `text` in the role `what`: 32 hexadecimal digits.
    pub fn token(&self, what: Blind, text: &str) -> String {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.subkey(BLIND_LABEL))
            .expect("HMAC takes a key of any length");
        mac.update(what.domain());
        mac.update(&[0]);
        mac.update(text.as_bytes());
        let digest = mac.finalize().into_bytes();
        to_hex(&digest[..TOKEN_BYTES])
    }

    /// Tells keys apart without revealing them.
    pub fn fingerprint(&self) -> String {
        self.token(Blind::Fingerprint, "")
    }
}

// ---------------------------------------------------------------------------------------------
// A desk key locked by a passphrase (issue 13): instead of `desk.key`, the desk may keep
// `desk.key.locked`, the key encrypted with XChaCha20-Poly1305 under a key derived from a
// passphrase with Argon2id (RustCrypto `argon2`). Whoever copies the configuration folder then
// still needs the passphrase; the desk asks for it when it starts.

/// The locked key file's name in the configuration directory.
pub const LOCKED_FILE: &str = "desk.key.locked";
const LOCKED_HEADER: &str = "tiepdan-locked-key v1";
/// Argon2id costs: 19 MiB, 2 passes, 1 lane (OWASP's recommended minimum for Argon2id).
const ARGON2_M_KIB: u32 = 19 * 1024;
const ARGON2_T: u32 = 2;
const ARGON2_P: u32 = 1;
const SALT_BYTES: usize = 16;
/// What the locked key is bound to: a sealed key moved into another kind of file opens nothing.
const LOCKED_AAD: &[u8] = b"tiepdan/locked-key/v1";
/// The shortest passphrase taken (characters).
pub const MIN_PASSPHRASE: usize = 8;

/// How a desk key is kept in a configuration directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyForm {
    /// None yet.
    Missing,
    /// `desk.key`: readable by the account alone.
    File,
    /// `desk.key.locked`: also needs the passphrase.
    Passphrase,
}

fn passphrase_key(passphrase: &str, salt: &[u8], m_kib: u32, t: u32, p: u32) -> Result<[u8; 32]> {
    use argon2::{Algorithm, Argon2, Params, Version};
    let params = Params::new(m_kib, t, p, Some(32)).map_err(|_| Error::Config {
        file: LOCKED_FILE.into(),
        message: "unusable Argon2id parameters".into(),
    })?;
    let mut out = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, &mut out)
        .map_err(|_| Error::Config {
            file: LOCKED_FILE.into(),
            message: "the passphrase could not be used".into(),
        })?;
    Ok(out)
}

impl DeskKey {
    /// Where the passphrase-locked key of this configuration directory lives.
    pub fn locked_path_in(dir: &Path) -> PathBuf {
        dir.join(LOCKED_FILE)
    }

    /// How the key of `dir` is kept.
    pub fn form_in(dir: &Path) -> KeyForm {
        if Self::locked_path_in(dir).exists() {
            KeyForm::Passphrase
        } else if Self::path_in(dir).exists() {
            KeyForm::File
        } else {
            KeyForm::Missing
        }
    }

    /// The locked file's text for this key under `passphrase`: the Argon2id costs and salt,
    /// then the key sealed with the key they derive.
    fn locked_text(&self, passphrase: &str) -> Result<String> {
        let salt: [u8; SALT_BYTES] = random_bytes();
        let derived = passphrase_key(passphrase, &salt, ARGON2_M_KIB, ARGON2_T, ARGON2_P)?;
        let cipher = XChaCha20Poly1305::new(&derived.into());
        let nonce: [u8; NONCE_BYTES] = random_bytes();
        let sealed = cipher
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: &self.0,
                    aad: LOCKED_AAD,
                },
            )
            .expect("XChaCha20-Poly1305 seals 32 bytes");
        Ok(format!(
            "{LOCKED_HEADER}\nargon2id m={ARGON2_M_KIB} t={ARGON2_T} p={ARGON2_P}\nsalt {}\nnonce {}\nsealed {}\n",
            to_hex(&salt),
            to_hex(&nonce),
            to_hex(&sealed)
        ))
    }

    /// Writes this key to `dir` locked by `passphrase` (owner-only, synced, replacing an older
    /// locked file in one rename) and removes the plain key file: from now on the desk needs
    /// the passphrase.
    pub fn lock_in(&self, dir: &Path, passphrase: &str) -> Result<()> {
        create_private_dir(dir)?;
        let text = self.locked_text(passphrase)?;
        let path = Self::locked_path_in(dir);
        let tmp = dir.join(format!("{LOCKED_FILE}.tmp"));
        match std::fs::remove_file(&tmp) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(&tmp, e)),
            _ => {}
        }
        let mut file = crate::files::open_new_private(&tmp).map_err(|e| Error::io(&tmp, e))?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
        let plain = Self::path_in(dir);
        match std::fs::remove_file(&plain) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&plain, e)),
            _ => Ok(()),
        }
    }

    /// The key locked in `dir`, opened with `passphrase`: Err(WrongPassphrase) when it does not
    /// open it; None when there is no locked key.
    pub fn unlock_in(dir: &Path, passphrase: &str) -> Result<Option<DeskKey>> {
        let path = Self::locked_path_in(dir);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let bad = || key_error(&path, "not a locked desk key");
        let mut lines = text.lines();
        if lines.next() != Some(LOCKED_HEADER) {
            return Err(bad());
        }
        let costs = lines
            .next()
            .and_then(|l| l.strip_prefix("argon2id "))
            .ok_or_else(bad)?;
        let cost = |name: &str| -> Option<u32> {
            costs
                .split_whitespace()
                .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('=')?.parse().ok())
        };
        let (Some(m), Some(t), Some(p)) = (cost("m"), cost("t"), cost("p")) else {
            return Err(bad());
        };
        // Refuse costs that would make opening the file exhaust the machine.
        if m > 4 * 1024 * 1024 || t > 64 || p > 16 {
            return Err(bad());
        }
        let mut field = |name: &str| {
            lines
                .next()
                .and_then(|l| l.strip_prefix(name)?.strip_prefix(' '))
                .and_then(from_hex)
        };
        let (Some(salt), Some(nonce), Some(sealed)) =
            (field("salt"), field("nonce"), field("sealed"))
        else {
            return Err(bad());
        };
        let nonce: [u8; NONCE_BYTES] = nonce.try_into().map_err(|_| bad())?;
        let derived = passphrase_key(passphrase, &salt, m, t, p)?;
        let cipher = XChaCha20Poly1305::new(&derived.into());
        let plain = cipher
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: &sealed,
                    aad: LOCKED_AAD,
                },
            )
            .map_err(|_| Error::Passphrase(crate::error::PassphraseProblem::Wrong))?;
        let bytes: [u8; KEY_BYTES] = plain.try_into().map_err(|_| bad())?;
        Ok(Some(DeskKey(bytes)))
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

    #[test]
    fn a_key_locked_by_a_passphrase_opens_only_with_it_and_leaves_no_plain_key() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("cfg");
        let key = DeskKey::load_or_create(&config).unwrap();
        assert_eq!(DeskKey::form_in(&config), KeyForm::File);
        key.lock_in(&config, "mật khẩu bàn tiếp dân").unwrap();
        assert_eq!(DeskKey::form_in(&config), KeyForm::Passphrase);
        assert!(!DeskKey::path_in(&config).exists(), "the plain key is gone");
        let text = std::fs::read_to_string(DeskKey::locked_path_in(&config)).unwrap();
        assert!(!text.contains(&key.to_hex()), "{text}");
        assert!(text.contains("argon2id m=19456 t=2 p=1"), "{text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(DeskKey::locked_path_in(&config))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let opened = DeskKey::unlock_in(&config, "mật khẩu bàn tiếp dân")
            .unwrap()
            .unwrap();
        assert_eq!(opened.key_id(), key.key_id());
        for wrong in ["mat khau ban tiep dan", "", "mật khẩu bàn tiếp dân "] {
            assert!(
                matches!(
                    DeskKey::unlock_in(&config, wrong),
                    Err(Error::Passphrase(crate::error::PassphraseProblem::Wrong))
                ),
                "{wrong:?}"
            );
        }
        // A damaged file is said to be one, not a wrong passphrase.
        std::fs::write(
            DeskKey::locked_path_in(&config),
            "tiepdan-locked-key v1\nxyz\n",
        )
        .unwrap();
        assert!(matches!(
            DeskKey::unlock_in(&config, "mật khẩu bàn tiếp dân"),
            Err(Error::Config { .. })
        ));
    }

    #[test]
    fn a_sealed_value_opens_only_with_its_key_and_its_row() {
        let a = DeskKey::from_bytes([1; 32]);
        let b = DeskKey::from_bytes([2; 32]);
        let sealed = a.seal(b"citizen:1", "Phan Văn Kín".as_bytes());
        assert!(!sealed.windows(4).any(|w| w == b"Phan"));
        assert_eq!(
            a.open(b"citizen:1", &sealed).as_deref(),
            Some("Phan Văn Kín".as_bytes())
        );
        // Another key, another row, an altered byte: nothing.
        assert_eq!(b.open(b"citizen:1", &sealed), None);
        assert_eq!(a.open(b"citizen:2", &sealed), None);
        let mut altered = sealed.clone();
        *altered.last_mut().unwrap() ^= 1;
        assert_eq!(a.open(b"citizen:1", &altered), None);
        // Two seals of one value differ (fresh nonces), and carry the key's id.
        let again = a.seal(b"citizen:1", "Phan Văn Kín".as_bytes());
        assert_ne!(sealed, again);
        assert_eq!(sealed[1..5], a.key_id());
        assert_ne!(a.key_id(), b.key_id());
        let hex = a.to_hex();
        assert_eq!(DeskKey::from_hex(&hex).unwrap().key_id(), a.key_id());
        assert!(DeskKey::from_hex("xyz").is_none());
    }
}
