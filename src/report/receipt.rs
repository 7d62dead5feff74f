//! The receipt handed to the citizen (giấy biên nhận đơn, kiêm phiếu hẹn): the agency, the
//! petition's code, the date received, who filed it, its kind and subject, the next legal deadline
//! with its article, and the officer who received it — as plain text for receipt printers and as
//! a PDF (A5 or A4) with an embedded font that has every Vietnamese letter.
//!
//! A denunciation's receipt names its denouncer, so it is made only for a role that may reveal
//! the identity (operators, admins), and each one is written to the audit log like any reveal
//! (Luật Tố cáo 2018, Điều 47). Inspectors are refused.

use crate::domain::{Citizen, EventKind, Status};
use crate::error::{Error, Result};
use crate::i18n::{Lang, ReceiptText as T, paper_date, receipt_deadline, receipt_text};
use crate::privacy::{anonymous_label, protects_identity};
use crate::session::Session;
use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthStr;

mod pdf;

pub use pdf::Paper;

/// Everything a receipt says, gathered once for both forms.
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    /// The agency keeping the records (`agency` in config.toml), if configured.
    pub agency: Option<String>,
    pub code: String,
    pub received_on: NaiveDate,
    pub filers: Vec<String>,
    /// The first filer's address, when one was given.
    pub address: Option<String>,
    /// "Khiếu nại (lần đầu)".
    pub kind: String,
    pub field: String,
    pub subject: String,
    /// "Xử lý đơn: 16/12/2026 (10 ngày làm việc; Thông tư 05/2021/TT-TTCP, Điều 6)", or `None`
    /// when no deadline runs.
    pub deadline: Option<String>,
    /// The officer who recorded the petition's receipt.
    pub received_by: String,
    /// The officer handling it, when one was assigned and it is someone else.
    pub officer: Option<String>,
    pub printed_on: NaiveDate,
    /// A denunciation: the paper carries the secrecy mark.
    pub secret: bool,
    pub lang: Lang,
}

/// "xử lý đơn" → "Xử lý đơn".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One-line values as printed: NFC (so every letter is one precomposed glyph), no control
/// characters, no runs of blanks.
fn clean(text: &str) -> String {
    let text: String = text.nfc().collect();
    crate::text::for_terminal(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Receipt {
    /// Gathers the receipt of petition `code`. A denunciation's needs a role that may reveal the
    /// denouncer, and is audited; a voided petition has none.
    pub fn build(ctx: &mut Session, code: &str) -> Result<Receipt> {
        let lang = ctx.lang;
        let petition = ctx.store.petition(code)?;
        if petition.status() == Status::Voided {
            return Err(Error::ReceiptOfVoided {
                code: petition.code,
            });
        }
        let secret = protects_identity(petition.kind);
        let people: Vec<Citizen> = if secret {
            // Refused for inspectors; for an operator, a reveal with its reason in the audit log.
            ctx.store
                .reveal_identity_for(&petition.code, receipt_text(T::AuditReason, lang))?
        } else {
            ctx.store.filers(petition.id)?
        };
        let filers = if people.is_empty() {
            vec![anonymous_label(lang).to_string()]
        } else {
            people.iter().map(|c| clean(&c.full_name)).collect()
        };
        let address = people
            .first()
            .and_then(|c| c.address.as_deref())
            .map(clean)
            .filter(|a| !a.is_empty());
        let kind = capitalised(&match petition.round {
            Some(round) => format!("{} ({})", petition.kind.label(lang), round.label(lang)),
            None => petition.kind.label(lang).to_string(),
        });
        let events = ctx.store.events(petition.id)?;
        let received_by = events
            .iter()
            .find(|e| e.kind == EventKind::Received)
            .or(events.first())
            .map(|e| clean(&e.actor))
            .unwrap_or_default();
        let officer = petition
            .officer
            .as_deref()
            .map(clean)
            .filter(|o| !o.is_empty() && *o != received_by);
        let deadline = ctx.policy().deadline(&petition, ctx.today).map(|d| {
            receipt_deadline(
                &capitalised(d.which.label(lang)),
                &d.due_on.format("%d/%m/%Y").to_string(),
                d.days,
                d.unit.label(lang),
                &clean(&d.basis),
            )
        });
        Ok(Receipt {
            agency: ctx.config.agency.as_deref().map(clean),
            code: petition.code,
            received_on: petition.received_on,
            filers,
            address,
            kind,
            field: capitalised(petition.field.label(lang)),
            subject: clean(&petition.subject),
            deadline,
            received_by,
            officer,
            printed_on: ctx.today,
            secret,
            lang,
        })
    }

    /// The agency's name as the header prints it (upper case, as on official papers).
    pub fn agency_line(&self) -> String {
        match &self.agency {
            Some(agency) => agency.to_uppercase(),
            None => receipt_text(T::NoAgency, self.lang).to_string(),
        }
    }

    /// The labelled facts, in the order both forms print them.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        let l = |t| receipt_text(t, self.lang);
        let mut rows = vec![
            (l(T::Code), self.code.clone()),
            (
                l(T::Received),
                self.received_on.format("%d/%m/%Y").to_string(),
            ),
            (l(T::Filer), self.filers.join("; ")),
        ];
        if let Some(address) = &self.address {
            rows.push((l(T::Address), address.clone()));
        }
        rows.extend([
            (l(T::Kind), self.kind.clone()),
            (l(T::Field), self.field.clone()),
            (l(T::Subject), self.subject.clone()),
            (
                l(T::NextDeadline),
                self.deadline
                    .clone()
                    .unwrap_or_else(|| l(T::NoDeadline).to_string()),
            ),
            (l(T::ReceivedBy), self.received_by.clone()),
        ]);
        if let Some(officer) = &self.officer {
            rows.push((l(T::Officer), officer.clone()));
        }
        rows
    }

    /// The notes under the facts: what to keep, and on a denunciation's receipt its secrecy.
    pub fn notes(&self) -> Vec<&'static str> {
        let mut notes = vec![receipt_text(T::KeepIt, self.lang)];
        if self.secret {
            notes.push(receipt_text(T::Secret, self.lang));
        }
        notes
    }

    /// The receipt as text `width` columns wide (a receipt printer's 48, or a terminal's).
    pub fn text(&self, width: usize) -> String {
        let width = width.max(24);
        let l = |t| receipt_text(t, self.lang);
        let mut out = Vec::new();
        let centred = |out: &mut Vec<String>, text: &str| {
            for line in wrap(text, width) {
                let pad = width.saturating_sub(line.width()) / 2;
                out.push(format!("{}{line}", " ".repeat(pad)));
            }
        };
        if self.secret {
            centred(&mut out, crate::i18n::classified_mark(self.lang));
        }
        centred(&mut out, &self.agency_line());
        centred(&mut out, crate::i18n::NATIONAL_TITLE);
        centred(&mut out, crate::i18n::NATIONAL_MOTTO);
        out.push(String::new());
        centred(&mut out, l(T::Title));
        centred(&mut out, l(T::Subtitle));
        out.push(String::new());
        // "Label: value", its further lines indented under it.
        const INDENT: &str = "    ";
        let field = |out: &mut Vec<String>, label: &str, value: &str| {
            let lines = wrap(&format!("{label}: {value}"), width);
            let Some((first, rest)) = lines.split_first() else {
                return;
            };
            out.push(first.clone());
            let rest = rest.join(" ");
            if !rest.is_empty() {
                let narrower = width - INDENT.len();
                out.extend(wrap(&rest, narrower).iter().map(|l| format!("{INDENT}{l}")));
            }
        };
        for (label, value) in self.fields() {
            field(&mut out, label, &value);
        }
        out.push(String::new());
        for note in self.notes() {
            out.extend(wrap(note, width));
        }
        out.push(String::new());
        field(
            &mut out,
            l(T::Printed),
            &paper_date(self.printed_on, self.lang),
        );
        out.push(String::new());
        // The two signatures side by side, or one under the other on a narrow roll.
        let filer = [l(T::FilerSigns), l(T::SignHint), "", ""];
        let officer = [
            l(T::OfficerSigns),
            l(T::SignHint),
            "",
            self.received_by.as_str(),
        ];
        let left = filer.iter().map(|t| t.width()).max().unwrap_or(0) + 2;
        let right = officer.iter().map(|t| t.width()).max().unwrap_or(0);
        let column = left.max(width / 2);
        if column + right <= width {
            for (a, b) in filer.iter().zip(officer) {
                out.push(format!("{a}{}{b}", " ".repeat(column - a.width())));
            }
        } else {
            out.extend(filer.iter().map(|t| t.to_string()));
            out.extend(officer.iter().map(|t| t.to_string()));
        }
        let mut text = out
            .iter()
            .map(|l| l.trim_end())
            .collect::<Vec<_>>()
            .join("\n");
        text.push('\n');
        text
    }

    /// The receipt as a PDF on `paper`, its font embedded.
    pub fn pdf(&self, paper: Paper) -> Result<Vec<u8>> {
        pdf::render(self, paper)
    }

    /// The file name the TUI offers: `bien-nhan-2026-000123.pdf`.
    pub fn file_name(&self) -> String {
        let code: String = self
            .code
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        format!("bien-nhan-{code}.pdf")
    }
}

/// Greedy word wrap to `width` display columns; a word longer than a line is cut.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        while word.width() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut head = String::new();
            let mut rest = word.chars();
            for c in rest.by_ref() {
                if (head.clone() + &c.to_string()).width() > width {
                    word = std::iter::once(c).chain(rest).collect();
                    break;
                }
                head.push(c);
            }
            lines.push(head);
        }
        let needed = if line.is_empty() {
            word.width()
        } else {
            line.width() + 1 + word.width()
        };
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_every_word_and_no_line_is_wider_than_asked() {
        let text = "Đề nghị xem xét việc cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình ông";
        let lines = wrap(text, 20);
        assert!(lines.iter().all(|l| l.width() <= 20), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        let long = wrap(&"x".repeat(50), 20);
        assert_eq!(
            long.iter().map(String::len).collect::<Vec<_>>(),
            [20, 20, 10]
        );
    }

    #[test]
    fn capitalised_upper_cases_a_vietnamese_first_letter() {
        assert_eq!(capitalised("đất đai"), "Đất đai");
        assert_eq!(capitalised("xử lý đơn"), "Xử lý đơn");
        assert_eq!(capitalised(""), "");
    }
}
