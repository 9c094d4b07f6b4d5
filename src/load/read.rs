//! Reading one file safely: a size limit, UTF-8 only, no NUL bytes.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Rule};
use crate::messages::t;
use crate::source::{Source, SourceFile, Span};

/// The largest file vpd reads. A team protocol is about 10 KB; 1 MiB leaves ample room
/// while keeping a hostile or mistaken file from exhausting memory.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The buffer to read `file` into: its size as the file system gives it (within the
/// limit), so reading does not grow the buffer step by step (each step a copy and, for
/// 10,000 files, fresh memory the kernel must zero); one byte more to see the end.
fn capacity_for(file: &std::fs::File) -> usize {
    let len = file.metadata().map_or(0, |m| m.len());
    len.min(MAX_FILE_BYTES) as usize + 1
}

/// Reads `path` into a [`Source`], or explains why it cannot be used.
pub fn read_source(path: &Path, display: String) -> Result<Source, Box<Diagnostic>> {
    let placeholder = || Arc::new(SourceFile::new(path, display.clone(), String::new()));
    let file = super::tree::open(path).map_err(|e| {
        Box::new(Diagnostic::new(
            Rule::Unreadable,
            &placeholder(),
            Span::file_start(),
            t("bestand.onleesbaar", &[("fout", &e.to_string())]),
        ))
    })?;
    let mut bytes = Vec::with_capacity(capacity_for(&file));
    let read = file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes);
    if let Err(e) = read {
        return Err(Box::new(Diagnostic::new(
            Rule::Unreadable,
            &placeholder(),
            Span::file_start(),
            t("bestand.onleesbaar", &[("fout", &e.to_string())]),
        )));
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Box::new(
            Diagnostic::new(
                Rule::FileTooLarge,
                &placeholder(),
                Span::file_start(),
                t(
                    "bestand.te-groot",
                    &[("max", &(MAX_FILE_BYTES / 1024).to_string())],
                ),
            )
            .with_hint(t("bestand.te-groot.hint", &[])),
        ));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let source = Arc::new(SourceFile::new(path, display, lossy));
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]);
            // The source text has its byte order mark removed: count without it.
            let offset = prefix.strip_prefix('\u{feff}').unwrap_or(&prefix).len();
            let pos = source.pos_of_byte(offset);
            return Err(Box::new(
                Diagnostic::new(
                    Rule::Encoding,
                    &source,
                    Span {
                        start: pos,
                        end: pos,
                    },
                    t("bestand.codering", &[]),
                )
                .with_hint(t("bestand.codering.hint", &[])),
            ));
        }
    };
    let source = Arc::new(SourceFile::new(path, display, text));
    if let Some(nul) = memchr::memchr(0, source.text.as_bytes()) {
        let pos = source.pos_of_byte(nul);
        return Err(Box::new(
            Diagnostic::new(
                Rule::NulByte,
                &source,
                Span {
                    start: pos,
                    end: pos,
                },
                t("bestand.nul-teken", &[]),
            )
            .with_hint(t("bestand.nul-teken.hint", &[])),
        ));
    }
    Ok(source)
}
