//! Published HTML pages: the report body, and the page's metadata.

use super::InputError;
use super::document::Document;

/// Reads an HTML page's bytes.
pub fn read_html(_bytes: &[u8]) -> Result<Document, InputError> {
    Err(InputError::Unsupported("html".into()))
}
