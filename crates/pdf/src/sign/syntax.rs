//! PDF object syntax for the objects an update rewrites, written here rather than by lopdf so the
//! bytes of a signature never change with a lopdf upgrade (signing stays reproducible).

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::SignError;

/// Appends `id` as an indirect object (`n g obj ... endobj`).
pub(super) fn write_indirect(
    out: &mut Vec<u8>,
    id: ObjectId,
    object: &Object,
) -> Result<(), SignError> {
    out.extend_from_slice(format!("{} {} obj\n", id.0, id.1).as_bytes());
    write_object(out, object)?;
    out.extend_from_slice(b"\nendobj\n");
    Ok(())
}

/// Appends a direct object. Streams cannot be direct and are refused.
pub(super) fn write_object(out: &mut Vec<u8>, object: &Object) -> Result<(), SignError> {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(value) => out.extend_from_slice(if *value { b"true" } else { b"false" }),
        Object::Integer(value) => out.extend_from_slice(value.to_string().as_bytes()),
        // Display never uses an exponent, which PDF does not have.
        Object::Real(value) if value.is_finite() => {
            out.extend_from_slice(value.to_string().as_bytes())
        }
        Object::Real(_) => out.push(b'0'),
        Object::Name(name) => write_name(out, name),
        Object::String(text, StringFormat::Literal) => write_literal(out, text),
        Object::String(text, StringFormat::Hexadecimal) => {
            out.push(b'<');
            out.extend_from_slice(hex::encode_upper(text).as_bytes());
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(b' ');
                }
                write_object(out, item)?;
            }
            out.push(b']');
        }
        Object::Dictionary(dictionary) => write_dictionary(out, dictionary)?,
        Object::Reference(id) => out.extend_from_slice(format!("{} {} R", id.0, id.1).as_bytes()),
        Object::Stream(_) => {
            return Err(SignError::PdfInvalid(
                "数据流对象不能直接嵌入其他对象".into(),
            ))
        }
    }
    Ok(())
}

pub(super) fn write_dictionary(
    out: &mut Vec<u8>,
    dictionary: &Dictionary,
) -> Result<(), SignError> {
    out.extend_from_slice(b"<<");
    for (key, value) in dictionary.iter() {
        write_name(out, key);
        out.push(b' ');
        write_object(out, value)?;
    }
    out.extend_from_slice(b">>");
    Ok(())
}

/// `/Name`, with white-space, delimiters, `#` and bytes outside `!`..=`~` as `#xx`.
fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if b"()<>[]{}/%#".contains(&byte) || !(b'!'..=b'~').contains(&byte) {
            out.extend_from_slice(format!("#{byte:02X}").as_bytes());
        } else {
            out.push(byte);
        }
    }
}

/// `(text)` with backslashes, parentheses and carriage returns escaped.
fn write_literal(out: &mut Vec<u8>, text: &[u8]) {
    out.push(b'(');
    for &byte in text {
        match byte {
            b'\\' | b'(' | b')' => out.extend_from_slice(&[b'\\', byte]),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(byte),
        }
    }
    out.push(b')');
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn objects_are_written_in_pdf_syntax() {
        let mut dictionary = Dictionary::new();
        dictionary.set("Type", Object::Name(b"Annot".to_vec()));
        dictionary.set("A b#", Object::Name(b"x y".to_vec()));
        dictionary.set("Rect", vec![0.into(), 1.5.into(), Object::Real(-0.25)]);
        dictionary.set("T", Object::string_literal("a(b)\\c\r"));
        dictionary.set(
            "H",
            Object::String(vec![0xFE, 0xFF], StringFormat::Hexadecimal),
        );
        dictionary.set("P", Object::Reference((12, 0)));
        dictionary.set("N", vec![Object::Null, true.into(), (-3).into()]);
        let mut out = Vec::new();
        write_object(&mut out, &Object::Dictionary(dictionary)).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<</Type /Annot/A#20b#23 /x#20y/Rect [0 1.5 -0.25]/T (a\\(b\\)\\\\c\\r)\
             /H <FEFF>/P 12 0 R/N [null true -3]>>"
        );
    }
}
