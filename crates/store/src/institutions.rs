//! Institutions: this installation's own, and the nursing homes its residents live in.
use rusqlite::{Connection, OptionalExtension, Transaction};
use yiyang_domain::error::{FieldError, ValidationErrors};
use yiyang_domain::institution::{
    institution_id, is_care_home, validate_institution, ValidInstitution,
};
use yiyang_protocol::{AuditAction, Institution, InstitutionInput, InstitutionKind, Permission};

use crate::synced::{create_row, Fields, Kind};
use crate::{Result, Store, StoreError, WriteCtx};

pub(crate) fn kind_code(kind: InstitutionKind) -> &'static str {
    match kind {
        InstitutionKind::TownshipClinic => "township_clinic",
        InstitutionKind::CommunityHealthCenter => "community_health_center",
        InstitutionKind::ElderlyHome => "elderly_home",
        InstitutionKind::CareInstitution => "care_institution",
    }
}

pub(crate) fn kind_from_code(code: &str) -> rusqlite::Result<InstitutionKind> {
    serde_json::from_value(code.into()).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// The synced fields of an institution, by wire name, and how each is stored.
pub(crate) const FIELDS: &[(&str, Kind)] = &[
    ("kind", Kind::Text),
    ("name", Kind::Text),
    ("creditCode", Kind::Text),
    ("countyCode", Kind::Text),
    ("townshipCode", Kind::Text),
    ("villageCode", Kind::Text),
    ("address", Kind::Text),
    ("contactPhone", Kind::Text),
];

fn fields(i: &ValidInstitution) -> Fields {
    [
        ("kind", kind_code(i.kind).into()),
        ("name", i.name.clone().into()),
        ("creditCode", i.credit_code.as_str().into()),
        ("countyCode", i.county.as_str().into()),
        ("townshipCode", i.township.as_str().into()),
        ("villageCode", i.village.as_str().into()),
        ("address", i.address.clone().into()),
        (
            "contactPhone",
            i.contact_phone
                .as_ref()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default()
                .into(),
        ),
    ]
    .into_iter()
    .collect()
}

pub(crate) fn insert_institution(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    i: &ValidInstitution,
) -> Result<String> {
    let taken: Option<String> = tx
        .query_row(
            "SELECT name FROM institutions WHERE credit_code = ?1",
            [i.credit_code.as_str()],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(name) = taken {
        let mut errors = ValidationErrors::new();
        errors.0.push(FieldError {
            field: "creditCode",
            code: "credit_code.duplicate",
            message: format!("统一社会信用代码已登记为「{name}」"),
        });
        return Err(StoreError::Validation(errors));
    }
    // Derived, not minted: the county and every laptop name an institution alike (see there).
    let id = institution_id(i.credit_code.as_str());
    create_row(tx, ctx, "institutions", &id, &fields(i), &[])?;
    Ok(id)
}

const COLUMNS: &str = "id, version, kind, name, credit_code, county_code, township_code,
                       village_code, address, contact_phone";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Institution> {
    Ok(Institution {
        id: r.get(0)?,
        version: r.get(1)?,
        kind: kind_from_code(&r.get::<_, String>(2)?)?,
        name: r.get(3)?,
        credit_code: r.get(4)?,
        county_code: r.get(5)?,
        township_code: r.get(6)?,
        village_code: r.get(7)?,
        address: r.get(8)?,
        contact_phone: r.get(9)?,
    })
}

pub(crate) fn read_institution(conn: &Connection, id: &str) -> Result<Institution> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM institutions WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: "机构",
        id: id.to_owned(),
    })
}

/// The id of the installation's own institution (the clinic).
pub(crate) fn own_institution_id(conn: &Connection) -> Result<String> {
    conn.query_row(
        "SELECT institution_id FROM installation WHERE institution_id IS NOT NULL",
        [],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(StoreError::NotSetUp)
}

impl Store {
    /// Registers another institution (typically a nursing home the clinic serves).
    pub fn create_institution(
        &mut self,
        ctx: &WriteCtx,
        input: &InstitutionInput,
    ) -> Result<Institution> {
        self.require(Permission::ManageInstitutions)?;
        let valid = validate_institution(input)?;
        let tx = self.conn.transaction()?;
        let id = insert_institution(&tx, ctx, &valid)?;
        crate::audit::append_for(
            &tx,
            ctx,
            self.session.as_ref(),
            AuditAction::CreateInstitution,
            "institution",
            &id,
            valid.name.as_str(),
        )?;
        tx.commit()?;
        read_institution(&self.conn, &id)
    }

    /// Nursing homes (敬老院 / 养老机构) a resident may live in, by name.
    pub fn list_nursing_homes(&self) -> Result<Vec<Institution>> {
        self.require(Permission::ViewResidents)?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM institutions WHERE deleted_at IS NULL
             ORDER BY name"
        ))?;
        let all: Vec<Institution> = stmt.query_map([], from_row)?.collect::<Result<_, _>>()?;
        // Which kinds house residents is a domain rule, not a list repeated in SQL.
        Ok(all.into_iter().filter(|i| is_care_home(i.kind)).collect())
    }
}
