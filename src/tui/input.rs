//! A one-line text field that keeps its text in NFC whatever the keyboard sends.
//!
//! Some Windows input methods (and the e2e test) type Vietnamese decomposed: `e`, then U+0302,
//! then U+0301. Each mark is composed onto the letter before it as it arrives, so what is shown,
//! measured and stored is always the composed form.

use super::action::Action;
use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    value: String,
    /// Cursor position in characters of `value`.
    cursor: usize,
}

impl TextInput {
    pub fn new(value: &str) -> TextInput {
        let value: String = value.nfc().collect();
        TextInput {
            cursor: value.chars().count(),
            value,
        }
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn is_empty(&self) -> bool {
        self.value.trim().is_empty()
    }

    #[cfg(test)]
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.value
            .char_indices()
            .nth(chars)
            .map_or(self.value.len(), |(i, _)| i)
    }

    /// Inserts text at the cursor; control characters are dropped and the result recomposed.
    pub fn insert_str(&mut self, text: &str) {
        let split = self.byte_at(self.cursor);
        let kept: String = text.chars().filter(|c| !c.is_control()).collect();
        let before: String = format!("{}{kept}", &self.value[..split]).nfc().collect();
        let after = &self.value[split..];
        self.cursor = before.chars().count();
        self.value = format!("{before}{after}").nfc().collect();
    }

    pub fn insert(&mut self, c: char) {
        self.insert_str(c.encode_utf8(&mut [0; 4]));
    }

    pub fn backspace(&mut self) {
        if self.cursor == 0 {
            return;
        }
        let start = self.byte_at(self.cursor - 1);
        let end = self.byte_at(self.cursor);
        self.value.replace_range(start..end, "");
        self.cursor -= 1;
    }

    pub fn delete(&mut self) {
        if self.cursor < self.value.chars().count() {
            let start = self.byte_at(self.cursor);
            let end = self.byte_at(self.cursor + 1);
            self.value.replace_range(start..end, "");
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.value.chars().count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.value.chars().count();
    }

    pub fn clear(&mut self) {
        *self = TextInput::default();
    }

    /// Applies an editing key (typing, paste, Backspace/Delete, cursor moves, Ctrl-U to clear
    /// the field); false when the action is not an edit, for the caller to handle. A paste is
    /// one line: line breaks become spaces.
    pub fn edit(&mut self, action: &Action) -> bool {
        match action {
            Action::Type(c) => self.insert(*c),
            Action::Paste(text) => self.insert_str(&text.replace(['\r', '\n'], " ")),
            Action::Backspace => self.backspace(),
            Action::Delete => self.delete(),
            Action::Left => self.left(),
            Action::Right => self.right(),
            Action::Home => self.home(),
            Action::End => self.end(),
            Action::ClearField => self.clear(),
            _ => return false,
        }
        true
    }

    /// The part to show in `width` columns so the cursor stays visible, and the cursor's column.
    pub fn window(&self, width: usize) -> (String, usize) {
        let width = width.max(1);
        let split = self.byte_at(self.cursor);
        let before = &self.value[..split];
        // Drop characters from the left until the text before the cursor leaves room for it.
        let mut start = 0;
        while before[start..].width() >= width {
            start += before[start..].chars().next().map_or(1, char::len_utf8);
        }
        let mut shown = String::new();
        for c in self.value[start..].chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if shown.width() + w > width {
                break;
            }
            shown.push(c);
        }
        (shown, before[start..].width())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_typing_is_stored_composed() {
        let mut input = TextInput::default();
        for c in "Nguyễn Thị Ánh".nfd() {
            input.insert(c);
        }
        assert_eq!(input.value(), "Nguyễn Thị Ánh");
        assert_eq!(input.cursor(), "Nguyễn Thị Ánh".chars().count());
        input.backspace();
        assert_eq!(input.value(), "Nguyễn Thị Án");
    }

    #[test]
    fn editing_in_the_middle() {
        let mut input = TextInput::new("Lê Hoa");
        input.home();
        input.right();
        input.right();
        input.insert_str(" Thị");
        assert_eq!(input.value(), "Lê Thị Hoa");
        input.delete();
        assert_eq!(input.value(), "Lê ThịHoa");
        input.end();
        input.insert_str("\u{1b}[31m");
        assert_eq!(input.value(), "Lê ThịHoa[31m");
    }

    #[test]
    fn clear_field_empties_it_and_other_keys_are_left_to_the_caller() {
        let mut input = TextInput::new("Nguyễn Văn Tâm");
        assert!(input.edit(&Action::ClearField));
        assert_eq!((input.value(), input.cursor()), ("", 0));
        assert!(input.edit(&Action::Paste("Lê\r\nHoa".into())));
        assert_eq!(input.value(), "Lê  Hoa");
        assert!(!input.edit(&Action::Save));
        assert_eq!(input.value(), "Lê  Hoa");
    }

    #[test]
    fn window_keeps_the_cursor_visible() {
        let input = TextInput::new("Nguyễn Thị Minh Khai");
        let (shown, col) = input.window(10);
        assert!(shown.width() <= 10 && col < 10);
        assert!(shown.ends_with("Khai"));
        let (shown, col) = TextInput::new("ab").window(10);
        assert_eq!((shown.as_str(), col), ("ab", 2));
    }
}
