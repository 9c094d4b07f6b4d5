//! Reading one answer file the way the leerdoelwijzer page's own loader does
//! (`themes/default/static/vpd.js`): at most [`MAX_FILE_BYTES`], decoded like
//! `FileReader.readAsText` (a UTF-8 or UTF-16 byte order mark picks the encoding and is
//! dropped, otherwise UTF-8; undecodable bytes become U+FFFD), one more leading U+FEFF
//! removed as the page does, then parsed as JSON.

use std::io::Read;
use std::path::Path;

use super::AnswerFile;

/// The largest answer file read (the page's loader has the same limit).
pub const MAX_FILE_BYTES: u64 = 256 * 1024;

/// Why one file could not be read as an answer file.
#[derive(Debug)]
pub enum ReadError {
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge,
    /// The operating system could not read it.
    Io(std::io::Error),
    /// Not JSON, or not shaped like an answer file.
    Damaged,
}

/// Reads and parses the answer file at `path`.
pub fn read_answer_file(path: &Path) -> Result<AnswerFile, ReadError> {
    let bytes = read_limited(path)?;
    serde_json::from_str(&decode(&bytes)).map_err(|_| ReadError::Damaged)
}

/// The file's bytes, without ever reading more than one byte past the limit.
fn read_limited(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// The text of `bytes` as the page's loader sees it (see the module documentation).
pub fn decode(bytes: &[u8]) -> String {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    };
    // vpd.js: `inhoud.replace(/^\uFEFF/, "")`.
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// UTF-16 with the given byte order; an odd last byte becomes U+FFFD, as in the browser.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let chunks = bytes.chunks_exact(2);
    let odd = !chunks.remainder().is_empty();
    let units = chunks.map(|c| unit([c[0], c[1]]));
    let mut text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if odd {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"{}"), "{}");
        assert_eq!(decode(b"\xEF\xBB\xBF{}"), "{}");
        // The page removes one more U+FEFF after decoding.
        assert_eq!(decode(b"\xEF\xBB\xBF\xEF\xBB\xBF{}"), "{}");
    }

    #[test]
    fn utf16_with_bom() {
        assert_eq!(decode(b"\xFF\xFE{\x00}\x00"), "{}");
        assert_eq!(decode(b"\xFE\xFF\x00{\x00}"), "{}");
        assert_eq!(decode(b"\xFF\xFE{\x00}"), "{\u{fffd}");
    }

    #[test]
    fn undecodable_bytes_become_replacement_characters() {
        assert_eq!(decode(b"\"\xFF\""), "\"\u{fffd}\"");
    }
}
