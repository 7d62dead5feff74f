//! The receipt as a PDF: laid out first (every line measured with the same shaping that draws
//! it, wrapped, and placed on a page), then drawn with krilla, which embeds the subset of DejaVu
//! Sans the text uses and a ToUnicode map, so the letters can be searched and copied.

use super::Receipt;
use crate::error::{Error, Result};
use crate::i18n::{ReceiptText as T, receipt_text};
use krilla::Document;
use krilla::geom::Point;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};

/// DejaVu Sans (Bitstream Vera licence, see fixtures/fonts/LICENSE.txt): every Vietnamese letter.
static REGULAR: &[u8] = include_bytes!("../../../fixtures/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../fixtures/fonts/DejaVuSans-Bold.ttf");

/// The paper sizes desks print on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// 148 × 210 mm: half a sheet, the usual size of a biên nhận.
    #[default]
    A5,
    A4,
}

impl Paper {
    pub fn parse(raw: &str) -> Option<Paper> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "a5" => Some(Paper::A5),
            "a4" => Some(Paper::A4),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Paper::A5 => "a5",
            Paper::A4 => "a4",
        }
    }

    /// Width and height in points.
    fn size(self) -> (f32, f32) {
        match self {
            Paper::A5 => (419.53, 595.28),
            Paper::A4 => (595.28, 841.89),
        }
    }

    /// Margin in points and the scale of the type.
    fn margin_and_scale(self) -> (f32, f32) {
        match self {
            Paper::A5 => (36.0, 1.0),
            Paper::A4 => (56.0, 1.25),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Weight {
    Regular,
    Bold,
}

/// One line of text placed on a page (`y` is its baseline).
#[derive(Debug, Clone, PartialEq)]
struct Placed {
    page: usize,
    x: f32,
    y: f32,
    size: f32,
    weight: Weight,
    text: String,
}

/// Measures text with the faces the PDF embeds.
struct Measure {
    regular: rustybuzz::Face<'static>,
    bold: rustybuzz::Face<'static>,
}

impl Measure {
    fn new() -> Measure {
        Measure {
            regular: rustybuzz::Face::from_slice(REGULAR, 0).expect("the embedded font parses"),
            bold: rustybuzz::Face::from_slice(BOLD, 0).expect("the embedded font parses"),
        }
    }

    fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        let face = match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        };
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let shaped = rustybuzz::shape(face, &[], buffer);
        let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 / face.units_per_em() as f32 * size
    }

    /// Greedy word wrap to `width` points; a word wider than a line is cut between letters.
    fn wrap(&self, text: &str, width: f32, size: f32, weight: Weight) -> Vec<String> {
        let fits = |t: &str| self.width(t, size, weight) <= width;
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if fits(&candidate) {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if !fits(&piece) && piece.chars().count() > 1 {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            line = piece;
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// Places lines top to bottom, starting a new page when one is full.
struct Layout {
    measure: Measure,
    placed: Vec<Placed>,
    page: usize,
    y: f32,
    top: f32,
    bottom: f32,
}

impl Layout {
    /// Moves down by one line of `size`, onto a new page when this one has no room left.
    fn advance(&mut self, size: f32) -> f32 {
        let step = size * 1.4;
        if self.y + step > self.bottom {
            self.page += 1;
            self.y = self.top;
        }
        self.y += step;
        self.y
    }

    fn put(&mut self, x: f32, y: f32, size: f32, weight: Weight, text: &str) {
        self.placed.push(Placed {
            page: self.page,
            x,
            y,
            size,
            weight,
            text: text.to_string(),
        });
    }

    /// Wrapped lines, each centred between `left` and `left + width`.
    fn centred(&mut self, text: &str, left: f32, width: f32, size: f32, weight: Weight) {
        for line in self.measure.wrap(text, width, size, weight) {
            let y = self.advance(size);
            let w = self.measure.width(&line, size, weight);
            self.put(left + (width - w).max(0.0) / 2.0, y, size, weight, &line);
        }
    }

    /// Wrapped lines starting at `left`.
    fn block(&mut self, text: &str, left: f32, width: f32, size: f32, weight: Weight) {
        for line in self.measure.wrap(text, width, size, weight) {
            let y = self.advance(size);
            self.put(left, y, size, weight, &line);
        }
    }

    fn gap(&mut self, points: f32) {
        self.y = (self.y + points).min(self.bottom);
    }
}

fn lay_out(receipt: &Receipt, paper: Paper) -> (Vec<Placed>, usize) {
    let lang = receipt.lang;
    let l = |t| receipt_text(t, lang);
    let (page_w, page_h) = paper.size();
    let (margin, scale) = paper.margin_and_scale();
    let width = page_w - 2.0 * margin;
    let mut at = Layout {
        measure: Measure::new(),
        placed: Vec::new(),
        page: 0,
        y: margin,
        top: margin,
        bottom: page_h - margin,
    };
    let small = 8.5 * scale;
    let body = 10.0 * scale;
    if receipt.secret {
        let mark = crate::i18n::classified_mark(lang);
        let size = 12.0 * scale;
        let w = at.measure.width(mark, size, Weight::Bold);
        let y = at.advance(size);
        at.put(page_w - margin - w, y, size, Weight::Bold, mark);
    }
    // The header: the agency on the left, the national title and motto on the right.
    let top = at.y;
    let left_w = width * 0.4;
    at.centred(&receipt.agency_line(), margin, left_w, small, Weight::Bold);
    let after_left = at.y;
    at.y = top;
    let right = margin + left_w;
    let right_w = width - left_w;
    at.centred(
        crate::i18n::NATIONAL_TITLE,
        right,
        right_w,
        small,
        Weight::Bold,
    );
    at.centred(
        crate::i18n::NATIONAL_MOTTO,
        right,
        right_w,
        small,
        Weight::Bold,
    );
    at.y = at.y.max(after_left);
    at.gap(4.0 * scale);
    let dated = crate::i18n::paper_date(receipt.printed_on, lang);
    at.centred(&dated, right, right_w, small, Weight::Regular);
    at.gap(12.0 * scale);
    at.centred(l(T::Title), margin, width, 14.0 * scale, Weight::Bold);
    at.centred(l(T::Subtitle), margin, width, body, Weight::Regular);
    at.gap(10.0 * scale);
    // The facts: labels in a column of their own, values wrapped beside them.
    let label_w = width * 0.3;
    for (label, value) in receipt.fields() {
        let start = (at.page, at.y);
        at.block(
            &format!("{label}:"),
            margin,
            label_w - 4.0,
            body,
            Weight::Bold,
        );
        let after_label = (at.page, at.y);
        (at.page, at.y) = start;
        at.block(
            &value,
            margin + label_w,
            width - label_w,
            body,
            Weight::Regular,
        );
        if after_label > (at.page, at.y) {
            (at.page, at.y) = after_label;
        }
        at.gap(2.0 * scale);
    }
    at.gap(8.0 * scale);
    for note in receipt.notes() {
        at.block(note, margin, width, small, Weight::Regular);
    }
    at.gap(14.0 * scale);
    // Signatures: the filer on the left, the receiving officer on the right.
    let half = width / 2.0;
    let top = (at.page, at.y);
    at.centred(l(T::FilerSigns), margin, half, body, Weight::Bold);
    at.centred(l(T::SignHint), margin, half, small, Weight::Regular);
    (at.page, at.y) = top;
    at.centred(l(T::OfficerSigns), margin + half, half, body, Weight::Bold);
    at.centred(l(T::SignHint), margin + half, half, small, Weight::Regular);
    at.gap(48.0 * scale);
    at.centred(
        &receipt.received_by,
        margin + half,
        half,
        body,
        Weight::Regular,
    );
    let pages = at.page + 1;
    (at.placed, pages)
}

pub(super) fn render(receipt: &Receipt, paper: Paper) -> Result<Vec<u8>> {
    let (placed, pages) = lay_out(receipt, paper);
    let regular = Font::new(REGULAR.into(), 0).expect("the embedded font parses");
    let bold = Font::new(BOLD.into(), 0).expect("the embedded font parses");
    let (w, h) = paper.size();
    let mut document = Document::new();
    for page_no in 0..pages {
        let settings = PageSettings::from_wh(w, h).expect("a paper size is positive");
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for item in placed.iter().filter(|p| p.page == page_no) {
            let font = match item.weight {
                Weight::Regular => regular.clone(),
                Weight::Bold => bold.clone(),
            };
            surface.draw_text(
                Point::from_xy(item.x, item.y),
                font,
                item.size,
                &item.text,
                false,
                TextDirection::Auto,
            );
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| Error::io(&receipt.code, std::io::Error::other(format!("{e:?}"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit_the_width_they_were_measured_for() {
        let measure = Measure::new();
        let text = "Khiếu nại quyết định thu hồi đất của Ủy ban nhân dân xã về việc bồi thường";
        for width in [60.0, 120.0, 300.0] {
            let lines = measure.wrap(text, width, 10.0, Weight::Regular);
            assert_eq!(lines.join(" "), text);
            for line in &lines {
                assert!(
                    measure.width(line, 10.0, Weight::Regular) <= width,
                    "{line}"
                );
            }
        }
        // Bold is wider than regular: the same words need at least as many lines.
        assert!(
            measure.width(text, 10.0, Weight::Bold) > measure.width(text, 10.0, Weight::Regular)
        );
    }

    #[test]
    fn paper_names_parse_both_ways() {
        for paper in [Paper::A5, Paper::A4] {
            assert_eq!(Paper::parse(paper.code()), Some(paper));
        }
        assert_eq!(Paper::parse(" A4 "), Some(Paper::A4));
        assert_eq!(Paper::parse("letter"), None);
    }
}
