//! Styles named by what they mean, so a screen says "overdue", never "red". Named ANSI colours by
//! default (they follow the user's terminal palette), 24-bit colour when the config asks, and no
//! colour at all under NO_COLOR (https://no-color.org). Every colour cue is also carried by a
//! symbol or text on the screen, so nothing is lost without colour.

use ratatui::style::{Color, Modifier, Style};
use tiepdan::rules::Urgency;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palette {
    None,
    Named,
    TrueColor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub palette: Palette,
}

impl Theme {
    pub fn new(palette: Palette) -> Theme {
        Theme { palette }
    }

    /// The palette the environment asks for: NO_COLOR (set and not empty) wins over the config.
    pub fn from_env(truecolor: bool) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::new(match (no_color, truecolor) {
            (true, _) => Palette::None,
            (false, true) => Palette::TrueColor,
            (false, false) => Palette::Named,
        })
    }

    fn fg(&self, named: Color, rgb: (u8, u8, u8)) -> Style {
        match self.palette {
            Palette::None => Style::default(),
            Palette::Named => Style::default().fg(named),
            Palette::TrueColor => Style::default().fg(Color::Rgb(rgb.0, rgb.1, rgb.2)),
        }
    }

    pub fn overdue(&self) -> Style {
        self.fg(Color::Red, (220, 50, 47))
            .add_modifier(Modifier::BOLD)
    }

    pub fn critical(&self) -> Style {
        self.fg(Color::LightRed, (240, 110, 90))
    }

    pub fn soon(&self) -> Style {
        self.fg(Color::Yellow, (200, 160, 0))
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green, (90, 160, 60))
    }

    pub fn muted(&self) -> Style {
        self.fg(Color::DarkGray, (130, 130, 130))
    }

    pub fn masked(&self) -> Style {
        self.fg(Color::Magenta, (180, 100, 180))
            .add_modifier(Modifier::ITALIC)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red, (220, 50, 47))
            .add_modifier(Modifier::BOLD)
    }

    pub fn success(&self) -> Style {
        self.fg(Color::Green, (90, 160, 60))
            .add_modifier(Modifier::BOLD)
    }

    /// The focused row or field: reversed, which reads on any palette and without colour.
    pub fn focus(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan, (60, 150, 200))
            .add_modifier(Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan, (60, 150, 200))
            .add_modifier(Modifier::BOLD)
    }

    pub fn label(&self) -> Style {
        self.fg(Color::Blue, (90, 120, 200))
    }

    pub fn bar(&self) -> Style {
        match self.palette {
            Palette::None => Style::default().add_modifier(Modifier::REVERSED),
            Palette::Named => Style::default().fg(Color::Black).bg(Color::Gray),
            Palette::TrueColor => Style::default()
                .fg(Color::Rgb(20, 20, 20))
                .bg(Color::Rgb(200, 200, 200)),
        }
    }

    pub fn urgency(&self, urgency: Urgency) -> Style {
        match urgency {
            Urgency::Overdue => self.overdue(),
            Urgency::Critical => self.critical(),
            Urgency::Soon => self.soon(),
            Urgency::Ok => self.ok(),
            Urgency::Closed => self.muted(),
        }
    }
}
