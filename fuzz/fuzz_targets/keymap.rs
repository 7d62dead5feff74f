//! A hand-edited keymap file: parsed or refused with the file and the line, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiepdan::i18n::Lang;
use tiepdan_keys::keymap;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match keymap::Keymap::parse(text, "fuzz-keymap.toml") {
        Ok(map) => {
            for (_, keys) in map.bindings() {
                for key in keys {
                    assert_eq!(map.action_for(key).is_some(), true, "{key:?} bound");
                }
            }
        }
        Err(e) => {
            let message = e.message(Lang::En);
            assert!(message.contains("fuzz-keymap.toml"), "{message}");
            assert!(message.contains("line "), "{message}");
        }
    }
    for line in text.lines() {
        let _ = keymap::Key::parse(line).map(|k| k.display());
    }
});
