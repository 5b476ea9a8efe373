//! The OpenAPI 3 description of the county's routes, hand-written (`openapi.json` next to
//! Cargo.toml) and served as is at `/openapi.json`. A test keeps it in step with the router.
pub const DOCUMENT: &str = include_str!("../openapi.json");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes::ROUTES;

    #[test]
    fn every_route_is_described() {
        let doc: serde_json::Value = serde_json::from_str(DOCUMENT).unwrap_or_default();
        assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
        let paths = doc["paths"].as_object().cloned().unwrap_or_default();
        for (method, path) in ROUTES {
            assert!(
                paths.get(*path).and_then(|p| p.get(*method)).is_some(),
                "{method} {path} is not in openapi.json"
            );
        }
        assert_eq!(
            paths.len(),
            ROUTES.len(),
            "openapi.json describes a route the router lacks"
        );
    }

    #[test]
    fn every_wire_error_code_is_listed() {
        use yiyang_protocol::sync::WireErrorCode::*;
        let doc: serde_json::Value = serde_json::from_str(DOCUMENT).unwrap_or_default();
        let listed = &doc["components"]["schemas"]["WireError"]["properties"]["code"]["enum"];
        for code in [
            ProtocolVersion,
            BadRequest,
            PayloadTooLarge,
            Unauthorized,
            Revoked,
            EnrolCodeInvalid,
            SequenceGap,
            DeviceDiverged,
            Internal,
            InvalidPeriod,
        ] {
            let name = serde_json::to_value(code).unwrap_or_default();
            assert!(
                listed.as_array().is_some_and(|a| a.contains(&name)),
                "{name} missing"
            );
        }
    }
}
