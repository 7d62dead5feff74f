//! A hand-edited `config.toml`: parsed or refused naming the file, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiepdan::config::Config;
use tiepdan::i18n::Lang;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Config::parse(text, "fuzz-config.toml") {
        Ok(config) => {
            let _ = config.role_of("canbo");
        }
        Err(e) => {
            for lang in [Lang::Vi, Lang::En] {
                let message = e.message(lang);
                assert!(message.contains("fuzz-config.toml"), "{message}");
            }
        }
    }
});
