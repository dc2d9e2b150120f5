//! A form field that may be left out of a request: [`Patch::Keep`] when absent (the stored
//! value stays), [`Patch::Set`] with the text when present, even empty. `Option<String>` cannot
//! say this through a form post: serde_qs reads `body=` (an emptied field) as `None`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Patch {
    /// The field was not sent: keep what is stored.
    #[default]
    Keep,
    /// The field was sent with this text (possibly empty: clear it).
    Set(String),
}

impl Patch {
    /// The sent text, or `stored` when the field was absent.
    pub fn or<'a>(&'a self, stored: &'a str) -> &'a str {
        match self {
            Patch::Keep => stored,
            Patch::Set(text) => text,
        }
    }
}

impl From<&str> for Patch {
    fn from(text: &str) -> Self {
        Patch::Set(text.to_string())
    }
}

impl Serialize for Patch {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Keep => serializer.serialize_none(),
            Patch::Set(text) => serializer.serialize_str(text),
        }
    }
}

impl<'de> Deserialize<'de> for Patch {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Read the value as it is, not through `Option` (which takes `body=` for "absent"):
        // text, even empty, is `Set`; a JSON `null` is `Keep`, as `Keep` is written.
        struct Text;
        impl<'de> serde::de::Visitor<'de> for Text {
            type Value = Patch;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Patch, E> {
                Ok(Patch::Set(text.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Patch, E> {
                Ok(Patch::Set(text))
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Patch, E> {
                Ok(Patch::Keep)
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Patch, E> {
                Ok(Patch::Keep)
            }
            fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<Patch, D::Error> {
                inner.deserialize_any(Text)
            }
        }
        deserializer.deserialize_any(Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Form {
        #[serde(default)]
        body: Patch,
        #[serde(default)]
        labels: Patch,
    }

    #[test]
    fn an_emptied_field_is_set_and_an_absent_one_kept() {
        let form: Form = serde_qs::from_str("body=").unwrap();
        assert_eq!(form.body, Patch::Set(String::new()));
        assert_eq!(form.labels, Patch::Keep);
        let form: Form = serde_qs::from_str("labels=a%2Cb").unwrap();
        assert_eq!(form.labels.or("x"), "a,b");
        assert_eq!(form.body.or("stored"), "stored");
        let form: Form = serde_json::from_str(r#"{"body":"hi","labels":null}"#).unwrap();
        assert_eq!(form.body, Patch::Set("hi".into()));
        assert_eq!(form.labels, Patch::Keep, "null is how Keep is written");
        let written = serde_json::to_string(&Patch::Keep).unwrap();
        assert_eq!(
            serde_json::from_str::<Patch>(&written).unwrap(),
            Patch::Keep
        );
    }
}
