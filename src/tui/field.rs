//! One editable field of a form or prompt: free text or a pick list, edited by the same actions.

use super::action::Action;
use super::input::TextInput;
use super::pick::Pick;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Widget {
    Text(TextInput),
    Pick(Pick),
}

impl Widget {
    pub fn text(value: &str) -> Widget {
        Widget::Text(TextInput::new(value))
    }

    /// Applies an editing action; false when the action is not an edit (the caller handles it).
    /// Up/Down change a pick list's choice; on a text field they are left to the caller.
    pub fn edit(&mut self, action: &Action) -> bool {
        match (self, action) {
            (Widget::Text(t), action) => return t.edit(action),
            (Widget::Pick(p), Action::Type(c)) => p.type_char(*c),
            (Widget::Pick(p), Action::Paste(s)) => p.paste(s),
            (Widget::Pick(p), Action::Backspace) => p.backspace(),
            (Widget::Pick(p), Action::Up | Action::Left) => p.step(-1),
            (Widget::Pick(p), Action::Down | Action::Right) => p.step(1),
            _ => return false,
        }
        true
    }

    /// Whether the action changed what the field holds (not just the cursor).
    pub fn changes_value(action: &Action) -> bool {
        matches!(
            action,
            Action::Type(_)
                | Action::Paste(_)
                | Action::Backspace
                | Action::Delete
                | Action::ClearField
                | Action::Up
                | Action::Down
        )
    }

    /// Leaving the field.
    pub fn commit(&mut self) {
        if let Widget::Pick(p) = self {
            p.commit();
        }
    }

    /// The value as the core's forms want it: the text, or the chosen code.
    pub fn raw(&self) -> String {
        match self {
            Widget::Text(t) => t.value().to_string(),
            Widget::Pick(p) => p.code().to_string(),
        }
    }

    pub fn as_pick(&self) -> Option<&Pick> {
        match self {
            Widget::Pick(p) => Some(p),
            Widget::Text(_) => None,
        }
    }
}
