//! Institution ids as the county handles them (a `Uuid`): the domain derives them from the
//! 统一社会信用代码 (`yiyang_domain::institution::institution_id`, UUIDv5), so the county, every
//! laptop and the validator name an institution the same way.
use uuid::Uuid;

pub fn institution_id(credit_code: &str) -> Result<Uuid, uuid::Error> {
    Uuid::parse_str(&yiyang_domain::institution::institution_id(credit_code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_is_the_domains() {
        let id = institution_id("91350100M000100Y43").ok();
        assert_eq!(
            id.map(|u| u.to_string()).as_deref(),
            Some("6811776c-5186-582e-8c9f-e929d76f17eb")
        );
    }
}
