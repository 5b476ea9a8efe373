//! Masking 身份证号 and phone numbers in lists and search results (PIPL: show no more than needed).

/// `330102195001011234` → `3301**********1234`: the province/city and the last four stay, so a
/// nurse can still tell two residents apart at a glance.
pub fn mask_id_number(id: &str) -> String {
    mask_middle(id, 4, 4)
}

/// `13812345678` → `138****5678`; a landline keeps its area code and last four.
pub fn mask_phone(phone: &str) -> String {
    if phone.is_empty() {
        return String::new();
    }
    mask_middle(phone, 3, 4)
}

fn mask_middle(s: &str, keep_start: usize, keep_end: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= keep_start + keep_end {
        // Too short to keep both ends: show only the last character.
        return chars
            .iter()
            .enumerate()
            .map(|(i, c)| if i + 1 == chars.len() { *c } else { '*' })
            .collect();
    }
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < keep_start || i >= chars.len() - keep_end || !c.is_ascii_alphanumeric() {
                *c
            } else {
                '*'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_number_keeps_region_and_last_four() {
        assert_eq!(mask_id_number("33010219500101123X"), "3301**********123X");
    }

    #[test]
    fn mobile_keeps_prefix_and_last_four() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
    }

    #[test]
    fn landline_keeps_separator() {
        assert_eq!(mask_phone("0571-88881234"), "057*-****1234");
        assert_eq!(mask_phone(""), "");
    }

    #[test]
    fn short_values_hide_all_but_the_last_character() {
        assert_eq!(mask_phone("1234"), "***4");
    }
}
