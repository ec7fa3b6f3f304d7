//! Word .docx: the body's paragraphs in order, with automatic numbering rebuilt.

use super::InputError;
use super::document::Document;

/// Reads a .docx file's bytes.
pub fn read_docx(_bytes: &[u8]) -> Result<Document, InputError> {
    Err(InputError::Unsupported("docx".into()))
}
