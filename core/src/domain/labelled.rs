//! Enums stored as stable ASCII codes and shown with Vietnamese or English labels.
//!
//! One macro keeps code, labels and parsing in one table per enum, so a label can never drift from
//! its code and every enum parses the same way (code, Vietnamese label with or without diacritics,
//! English label).

/// What every labelled enum offers, so forms and parsers can treat them alike.
pub trait Labelled: Sized + Copy + 'static {
    fn all() -> &'static [Self];
    fn code(self) -> &'static str;
    fn label(self, lang: crate::i18n::Lang) -> &'static str;
    fn parse(input: &str) -> Option<Self>;
}

/// Declares a labelled enum: `Variant = "code", "nhãn tiếng Việt", "English label";`
#[macro_export]
macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal, $vi:literal, $en:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable ASCII code stored in the database and used on the command line.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn label(self, lang: $crate::i18n::Lang) -> &'static str {
                match lang {
                    $crate::i18n::Lang::Vi => match self { $($name::$variant => $vi),+ },
                    $crate::i18n::Lang::En => match self { $($name::$variant => $en),+ },
                }
            }

            /// Accepts the code, or either label typed with or without diacritics, any case.
            pub fn parse(input: &str) -> Option<Self> {
                // Spaces, hyphens and underscores alike: "kien-nghi" (as the CLI help spells
                // it), "kiến nghị" and "recommendation" all name one kind.
                let key = |text: &str| $crate::text::fold(text).replace([' ', '-'], "_");
                let wanted = key(input);
                Self::ALL.iter().copied().find(|v| {
                    v.code() == wanted
                        || key(v.label($crate::i18n::Lang::Vi)) == wanted
                        || key(v.label($crate::i18n::Lang::En)) == wanted
                })
            }
        }

        impl $crate::domain::labelled::Labelled for $name {
            fn all() -> &'static [Self] { Self::ALL }
            fn code(self) -> &'static str { $name::code(self) }
            fn label(self, lang: $crate::i18n::Lang) -> &'static str { $name::label(self, lang) }
            fn parse(input: &str) -> Option<Self> { $name::parse(input) }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::error::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s).ok_or_else(|| $crate::error::Error::UnknownValue {
                    what: stringify!($name),
                    value: s.to_string(),
                    allowed: Self::ALL.iter().map(|v| v.code()).collect::<Vec<_>>().join(", "),
                })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(d)?;
                Self::parse(&raw).ok_or_else(|| serde::de::Error::custom(format!(
                    "unknown {} `{raw}`", stringify!($name)
                )))
            }
        }

        #[cfg(feature = "sqlite")]
        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.code().into())
            }
        }

        #[cfg(feature = "sqlite")]
        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let code = value.as_str()?;
                Self::ALL.iter().copied().find(|v| v.code() == code)
                    .ok_or_else(|| rusqlite::types::FromSqlError::Other(
                        format!("unknown {} code `{code}`", stringify!($name)).into()))
            }
        }
    };
}
