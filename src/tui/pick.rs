//! A pick list for an enum field: type to filter (with or without diacritics), arrows to move.
//! The choice follows the filter as you type, so `khi` + Tab is enough for "khiếu nại".

use super::input::TextInput;
use tiepdan::domain::EventKind;
use tiepdan::domain::labelled::Labelled;
use tiepdan::i18n::Lang;
use tiepdan::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub code: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
}

impl Choice {
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.vi, self.en)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    options: Vec<Choice>,
    selected: Option<usize>,
    filter: TextInput,
}

impl Pick {
    pub fn new(options: Vec<Choice>, selected: Option<usize>) -> Pick {
        Pick {
            options,
            selected,
            filter: TextInput::default(),
        }
    }

    /// Every value of a labelled enum, `default` chosen.
    pub fn of<T: Labelled + PartialEq>(default: Option<T>) -> Pick {
        let options: Vec<Choice> = T::all()
            .iter()
            .map(|v| Choice {
                code: v.code(),
                vi: v.label(Lang::Vi),
                en: v.label(Lang::En),
            })
            .collect();
        let selected = default.and_then(|d| T::all().iter().position(|v| *v == d));
        Pick::new(options, selected)
    }

    /// The markers a desk sets by hand (kéo dài, vượt cấp, …), the first chosen.
    pub fn markers() -> Pick {
        let options = EventKind::MARKABLE
            .iter()
            .map(|f| Choice {
                code: f.code(),
                vi: f.label(Lang::Vi),
                en: f.label(Lang::En),
            })
            .collect();
        Pick::new(options, Some(0))
    }

    pub fn yes_no(yes: bool) -> Pick {
        let options = vec![
            Choice {
                code: "no",
                vi: "không",
                en: "no",
            },
            Choice {
                code: "yes",
                vi: "có",
                en: "yes",
            },
        ];
        Pick::new(options, Some(usize::from(yes)))
    }

    pub fn selected(&self) -> Option<Choice> {
        self.selected.map(|i| self.options[i])
    }

    pub fn code(&self) -> &'static str {
        self.selected().map_or("", |c| c.code)
    }

    pub fn is_yes(&self) -> bool {
        self.code() == "yes"
    }

    pub fn filter(&self) -> &TextInput {
        &self.filter
    }

    /// Indexes of the options the filter lets through, in their order.
    pub fn matches(&self) -> Vec<usize> {
        let wanted = fold(self.filter.value());
        (0..self.options.len())
            .filter(|&i| {
                let c = &self.options[i];
                wanted.is_empty()
                    || fold(c.vi).contains(&wanted)
                    || fold(c.en).contains(&wanted)
                    || c.code.starts_with(&wanted)
            })
            .collect()
    }

    fn follow_filter(&mut self) {
        if let Some(&first) = self.matches().first() {
            self.selected = Some(first);
        }
    }

    pub fn type_char(&mut self, c: char) {
        self.filter.insert(c);
        self.follow_filter();
    }

    pub fn paste(&mut self, text: &str) {
        self.filter.insert_str(text);
        self.follow_filter();
    }

    pub fn backspace(&mut self) {
        self.filter.backspace();
        self.follow_filter();
    }

    /// Moves the choice by `step` within the filtered options, wrapping around.
    pub fn step(&mut self, step: isize) {
        let matches = self.matches();
        if matches.is_empty() {
            return;
        }
        let at = self
            .selected
            .and_then(|s| matches.iter().position(|&m| m == s));
        let next = match at {
            Some(at) => (at as isize + step).rem_euclid(matches.len() as isize) as usize,
            None => 0,
        };
        self.selected = Some(matches[next]);
    }

    /// Leaving the field: the filter has done its work.
    pub fn commit(&mut self) {
        self.filter.clear();
    }

    pub fn options(&self) -> &[Choice] {
        &self.options
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tiepdan::domain::PetitionKind;

    #[test]
    fn typing_filters_without_diacritics() {
        let mut pick = Pick::of::<PetitionKind>(None);
        assert_eq!(pick.code(), "");
        for c in "to c".chars() {
            pick.type_char(c);
        }
        assert_eq!(pick.code(), "denunciation");
        pick.commit();
        assert_eq!(pick.matches().len(), 4);
        pick.step(1);
        assert_eq!(pick.code(), "recommendation");
        pick.step(-2);
        assert_eq!(pick.code(), "complaint");
    }

    #[test]
    fn english_labels_filter_too() {
        let mut pick = Pick::of::<PetitionKind>(None);
        pick.paste("repo");
        assert_eq!(pick.code(), "report");
        pick.paste("zzz");
        assert_eq!(pick.code(), "report", "no match keeps the last choice");
    }
}
