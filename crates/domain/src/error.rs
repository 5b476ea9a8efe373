//! Field-level validation errors: what a form gets back, all problems at once.
use std::fmt::Display;

use yiyang_protocol::FieldIssue;

/// An error with a stable machine code (e.g. `id_number.check_char`). The UI and tests branch on
/// the code, never on the message text; codes are never renamed.
pub trait Coded: Display {
    fn code(&self) -> &'static str;
}

/// One broken rule on one input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// camelCase JSON name of the input field, e.g. `idNumber`.
    pub field: &'static str,
    /// Stable rule code, e.g. `id_number.check_char`.
    pub code: &'static str,
    /// Chinese message naming the field and the rule.
    pub message: String,
}

/// Every field problem of one form, in field order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn new() -> Self {
        Self(Vec::new())
    }

    /// Records `err` against `field` (camelCase input field name).
    pub fn push(&mut self, field: &'static str, err: &(impl Coded + ?Sized)) {
        self.0.push(FieldError {
            field,
            code: err.code(),
            message: err.to_string(),
        });
    }

    /// Runs `result`, recording its error against `field`; gives back the value if it was valid.
    pub fn check<T, E: Coded>(&mut self, field: &'static str, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(err) => {
                self.push(field, &err);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The errors recorded against `field`.
    pub fn for_field<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a FieldError> + 'a {
        self.0.iter().filter(move |e| e.field == field)
    }

    /// The codes in order, handy for tests and logs.
    pub fn codes(&self) -> Vec<&'static str> {
        self.0.iter().map(|e| e.code).collect()
    }
}

impl Display for ValidationErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let messages: Vec<&str> = self.0.iter().map(|e| e.message.as_str()).collect();
        f.write_str(&messages.join("；"))
    }
}

impl std::error::Error for ValidationErrors {}

impl From<FieldError> for FieldIssue {
    fn from(e: FieldError) -> Self {
        FieldIssue {
            field: e.field.to_owned(),
            code: e.code.to_owned(),
            message: e.message,
        }
    }
}

impl From<ValidationErrors> for Vec<FieldIssue> {
    fn from(errors: ValidationErrors) -> Self {
        errors.0.into_iter().map(FieldIssue::from).collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Rule;
    impl Display for Rule {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("身份证号不能为空")
        }
    }
    impl Coded for Rule {
        fn code(&self) -> &'static str {
            "id_number.empty"
        }
    }

    #[test]
    fn converts_to_field_issues_in_order() {
        let mut errors = ValidationErrors::new();
        assert!(errors.is_empty());
        errors.push("idNumber", &Rule);
        assert_eq!(errors.check::<u8, _>("name", Err(Rule)), None);
        assert_eq!(errors.check::<u8, Rule>("name", Ok(3)), Some(3));
        assert_eq!(errors.len(), 2);
        assert_eq!(errors.for_field("name").count(), 1);
        assert_eq!(errors.to_string(), "身份证号不能为空；身份证号不能为空");
        let issues: Vec<FieldIssue> = errors.into();
        assert_eq!(
            issues[0],
            FieldIssue {
                field: "idNumber".into(),
                code: "id_number.empty".into(),
                message: "身份证号不能为空".into(),
            }
        );
        assert_eq!(issues[1].field, "name");
    }
}
