//! What changed on disk since a form opened a protocol: the editor remembers the texts it
//! handed out (by version, the last [`REMEMBERED`] of them), so a save refused because the
//! file changed (409) can show the difference between the text the form was opened with
//! and the file as it is now: a unified line diff and the same as structured blocks.

use std::collections::VecDeque;
use std::sync::Mutex;

use serde_json::{Value, json};
use similar::{ChangeTag, TextDiff};

/// How many opened texts the editor remembers (older ones are forgotten first; a conflict
/// on a forgotten version has no `verschil`).
pub const REMEMBERED: usize = 64;

/// Lines of context around each changed block.
const CONTEXT: usize = 3;

/// The texts the editor handed out, by version: the last [`REMEMBERED`] of them.
#[derive(Default)]
pub struct Opened {
    texts: Mutex<VecDeque<(String, String)>>,
}

impl Opened {
    /// Remembers that a form was opened with `text` at `version`.
    pub fn remember(&self, version: &str, text: &str) {
        let Ok(mut texts) = self.texts.lock() else {
            return;
        };
        if let Some(i) = texts.iter().position(|(v, _)| v == version) {
            // Seen again: it moves to the back, so it is forgotten last.
            if let Some(entry) = texts.remove(i) {
                texts.push_back(entry);
            }
            return;
        }
        if texts.len() == REMEMBERED {
            texts.pop_front();
        }
        texts.push_back((version.to_string(), text.to_string()));
    }

    /// The text handed out at `version`, if it is still remembered.
    pub fn text(&self, version: &str) -> Option<String> {
        let texts = self.texts.lock().ok()?;
        texts
            .iter()
            .find(|(v, _)| v == version)
            .map(|(_, t)| t.clone())
    }
}

/// The difference from `opened` to `current`: `verschil`, a unified line diff (no file
/// header), and `blokken`, its hunks: where they start in each text (1-based), how many
/// lines they cover there, and each line with `soort` `gelijk`, `weg` or `erbij`.
pub fn difference(opened: &str, current: &str) -> Value {
    let diff = TextDiff::from_lines(opened, current);
    let unified = diff.unified_diff().context_radius(CONTEXT).to_string();
    let blocks: Vec<Value> = diff
        .grouped_ops(CONTEXT)
        .iter()
        .filter_map(|ops| {
            let (first, last) = (ops.first()?, ops.last()?);
            let old = first.old_range().start..last.old_range().end;
            let new = first.new_range().start..last.new_range().end;
            let lines: Vec<Value> = ops
                .iter()
                .flat_map(|op| diff.iter_changes(op))
                .map(|change| {
                    let kind = match change.tag() {
                        ChangeTag::Equal => "gelijk",
                        ChangeTag::Delete => "weg",
                        ChangeTag::Insert => "erbij",
                    };
                    let text = change.value().trim_end_matches(['\n', '\r']);
                    json!({"soort": kind, "tekst": text})
                })
                .collect();
            Some(json!({
                "oud": {"start": old.start + 1, "aantal": old.len()},
                "nieuw": {"start": new.start + 1, "aantal": new.len()},
                "regels": lines,
            }))
        })
        .collect();
    json!({"verschil": unified, "blokken": blocks})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_is_one_block_with_its_context() {
        let opened = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let current = "a\nb\nc\nd\nE\nf\ng\nh\n";
        let d = difference(opened, current);
        assert_eq!(
            d["verschil"],
            json!("@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n")
        );
        let blocks = d["blokken"].as_array().expect("blocks");
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0]["oud"], json!({"start": 2, "aantal": 7}));
        assert_eq!(
            blocks[0]["regels"][3],
            json!({"soort": "weg", "tekst": "e"})
        );
        assert_eq!(
            blocks[0]["regels"][4],
            json!({"soort": "erbij", "tekst": "E"})
        );
    }

    #[test]
    fn the_same_text_has_no_blocks() {
        assert_eq!(
            difference("a\n", "a\n"),
            json!({"verschil": "", "blokken": []})
        );
    }

    #[test]
    fn the_oldest_text_is_forgotten_first() {
        let opened = Opened::default();
        for i in 0..=REMEMBERED {
            opened.remember(&i.to_string(), &format!("tekst {i}"));
        }
        assert_eq!(opened.text("0"), None);
        assert_eq!(opened.text("1").as_deref(), Some("tekst 1"));
        assert_eq!(
            opened.text(&REMEMBERED.to_string()).as_deref(),
            Some(&*format!("tekst {REMEMBERED}"))
        );
    }
}
