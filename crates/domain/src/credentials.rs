//! Log-in names and passwords: the rules a form checks before anything is stored.
use crate::error::ValidationErrors;

/// Shortest password accepted. Argon2id makes guessing slow; length makes it hopeless.
pub const MIN_PASSWORD_CHARS: usize = 8;
const MAX_PASSWORD_CHARS: usize = 128;

/// A log-in name: 2–32 letters, digits, `_`, `.` or `-`; compared case-insensitively, stored
/// lower-case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Login(String);

impl Login {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub fn validate_login(
    raw: &str,
    field: &'static str,
    errors: &mut ValidationErrors,
) -> Option<Login> {
    let login = raw.trim().to_lowercase();
    let rule = if login.is_empty() {
        Some(("login.required", "登录名不能为空".to_owned()))
    } else if !(2..=32).contains(&login.chars().count()) {
        Some(("login.length", "登录名应为 2–32 个字符".to_owned()))
    } else if !login
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    {
        Some((
            "login.chars",
            "登录名只能包含英文字母、数字和 _ . -（例如 linxy）".to_owned(),
        ))
    } else {
        None
    };
    match rule {
        Some((code, message)) => {
            errors.0.push(crate::FieldError {
                field,
                code,
                message,
            });
            None
        }
        None => Some(Login(login)),
    }
}

/// Checks a new password and its repetition; records problems against `field` / `again_field`.
pub fn validate_new_password(
    password: &str,
    again: &str,
    field: &'static str,
    again_field: &'static str,
    errors: &mut ValidationErrors,
) -> bool {
    let n = password.chars().count();
    let problem = if n < MIN_PASSWORD_CHARS {
        Some((
            "password.too_short",
            format!("密码至少 {MIN_PASSWORD_CHARS} 个字符"),
        ))
    } else if n > MAX_PASSWORD_CHARS {
        Some((
            "password.too_long",
            format!("密码最多 {MAX_PASSWORD_CHARS} 个字符"),
        ))
    } else if !(password.chars().any(|c| c.is_alphabetic())
        && password.chars().any(|c| c.is_ascii_digit()))
    {
        Some(("password.weak", "密码须同时包含字母和数字".to_owned()))
    } else {
        None
    };
    if let Some((code, message)) = problem {
        errors.0.push(crate::FieldError {
            field,
            code,
            message,
        });
        return false;
    }
    if password != again {
        errors.0.push(crate::FieldError {
            field: again_field,
            code: "password.mismatch",
            message: "两次输入的密码不一致".to_owned(),
        });
        return false;
    }
    true
}

/// A new account's log-in name with its password and repetition, as the set-up, upgrade and
/// new-user forms send them (fields `login`, `password`, `passwordAgain`). The name is given back
/// only when all three are valid.
pub fn validate_new_login(
    login: &str,
    password: &str,
    again: &str,
    errors: &mut ValidationErrors,
) -> Option<Login> {
    let login = validate_login(login, "login", errors);
    let password_ok = validate_new_password(password, again, "password", "passwordAgain", errors);
    login.filter(|_| password_ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_is_lowercased_and_limited_to_safe_characters() {
        let mut e = ValidationErrors::new();
        assert_eq!(
            validate_login(" LinXY ", "login", &mut e).map(|l| l.0),
            Some("linxy".into())
        );
        assert!(validate_login("林晓燕", "login", &mut e).is_none());
        assert!(validate_login("a", "login", &mut e).is_none());
        assert_eq!(e.codes(), vec!["login.chars", "login.length"]);
    }

    #[test]
    fn password_needs_length_letters_digits_and_a_matching_repeat() {
        let mut e = ValidationErrors::new();
        assert!(validate_new_password(
            "yiyang2026",
            "yiyang2026",
            "p",
            "a",
            &mut e
        ));
        assert!(!validate_new_password("short1", "short1", "p", "a", &mut e));
        assert!(!validate_new_password(
            "onlyletters",
            "onlyletters",
            "p",
            "a",
            &mut e
        ));
        assert!(!validate_new_password(
            "yiyang2026",
            "yiyang2027",
            "p",
            "a",
            &mut e
        ));
        assert_eq!(
            e.codes(),
            vec!["password.too_short", "password.weak", "password.mismatch"]
        );
    }

    #[test]
    fn a_new_login_needs_a_valid_password_too() {
        let mut e = ValidationErrors::new();
        assert!(validate_new_login("linxy", "yiyang2026", "yiyang2026", &mut e).is_some());
        assert!(validate_new_login("linxy", "yiyang2026", "other2026", &mut e).is_none());
        assert_eq!(e.0[0].field, "passwordAgain");
    }
}
