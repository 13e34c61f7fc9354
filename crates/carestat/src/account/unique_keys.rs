//! Maps read from JSON whose keys must be unique.
//!
//! JSON allows a key twice in one object and `serde_json` keeps the last value, so
//! `"counts": {"n": {...}, "n": {...}}` silently dropped a figure. The dataset's maps of
//! figures are read with [`map`], which refuses a repeated key and names it; the error's
//! path is the map's (`counts`).

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error as _, MapAccess, Visitor};

/// Deserialises a map of string keys, refusing a key that appears twice.
pub(super) fn map<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    d.deserialize_map(UniqueMap(PhantomData))
}

struct UniqueMap<V>(PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueMap<V> {
    type Value = BTreeMap<String, V>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object whose keys are each given once")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(key) = access.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(A::Error::custom(format!(
                    "the key `{}` is given twice (each id may appear once)",
                    key.escape_debug()
                )));
            }
            let value = access.next_value()?;
            out.insert(key, value);
        }
        Ok(out)
    }
}
