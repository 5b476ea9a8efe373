//! Which template a new document uses (the highest version: built-in 1 or one installed from the
//! county), the list of versions, and installing a new one.
use rusqlite::{params, Connection, OptionalExtension};
use yiyang_domain::document::{builtin, parse_template, Template};
use yiyang_domain::Coded;
use yiyang_protocol::{AuditAction, DocumentKind, Permission, TemplateSummary};

use crate::audit::append_for;
use crate::residents::read::parse_code;
use crate::{Result, Store, StoreError, WriteCtx};

const KINDS: [DocumentKind; 2] = [
    DocumentKind::CooperationAgreement,
    DocumentKind::FamilyDoctorContract,
];

pub(super) fn kind_code(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::CooperationAgreement => "cooperation_agreement",
        DocumentKind::FamilyDoctorContract => "family_doctor_contract",
    }
}

/// The template new documents of `kind` use.
pub(super) fn current_template(conn: &Connection, kind: DocumentKind) -> Result<Template> {
    let body: Option<String> = conn
        .query_row(
            "SELECT body FROM document_templates WHERE kind = ?1 ORDER BY version DESC LIMIT 1",
            [kind_code(kind)],
            |r| r.get(0),
        )
        .optional()?;
    match body {
        None => Ok(builtin(kind)),
        // Checked when installed; re-checked so a damaged row is reported, not printed.
        Some(body) => parse_template(&body)
            .map_err(|e| StoreError::Corrupt(format!("已安装的文书模板无效：{e}"))),
    }
}

fn summary(t: &Template, installed_at: Option<String>, current: bool) -> TemplateSummary {
    TemplateSummary {
        kind: t.kind,
        version: t.version,
        title: t.title.clone(),
        description: t.description.clone(),
        builtin: installed_at.is_none(),
        installed_at,
        current,
    }
}

impl Store {
    /// Every template version, per kind newest first (the first of each kind is current).
    pub fn list_templates(&self) -> Result<Vec<TemplateSummary>> {
        self.require(Permission::ViewResidents)?;
        let mut out = Vec::new();
        for kind in KINDS {
            let mut stmt = self.conn.prepare(
                "SELECT body, installed_at FROM document_templates WHERE kind = ?1
                 ORDER BY version DESC",
            )?;
            let rows = stmt.query_map([kind_code(kind)], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (body, at) = row?;
                let t = parse_template(&body)
                    .map_err(|e| StoreError::Corrupt(format!("已安装的文书模板无效：{e}")))?;
                let current = !out.iter().any(|s: &TemplateSummary| s.kind == kind);
                out.push(summary(&t, Some(at), current));
            }
            let current = !out.iter().any(|s: &TemplateSummary| s.kind == kind);
            out.push(summary(&builtin(kind), None, current));
        }
        Ok(out)
    }

    /// Installs a template file from the county: checked in full, and only as a version higher
    /// than every one known for its kind (documents already signed keep the text they were
    /// signed with).
    pub fn install_template(&mut self, ctx: &WriteCtx, json: &str) -> Result<TemplateSummary> {
        self.require(Permission::ManageAgreements)?;
        let t =
            parse_template(json).map_err(|e| StoreError::field("json", e.code(), e.to_string()))?;
        let tx = self.conn.transaction()?;
        let newest: u32 = tx.query_row(
            "SELECT coalesce(max(version), 1) FROM document_templates WHERE kind = ?1",
            [kind_code(t.kind)],
            |r| r.get(0),
        )?;
        if t.version <= newest {
            return Err(StoreError::field(
                "json",
                "template.version_not_newer",
                format!(
                    "模板「{}」的版本 {} 不高于已有的版本 {newest}，请使用县级平台下发的新版本",
                    t.title, t.version
                ),
            ));
        }
        let body = serde_json::to_string(&t)?;
        tx.execute(
            "INSERT INTO document_templates (kind, version, body, installed_at, installed_by)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                kind_code(t.kind),
                t.version,
                body,
                ctx.now.to_rfc3339(),
                ctx.actor_id
            ],
        )?;
        append_for(
            &tx,
            ctx,
            self.session.as_ref(),
            AuditAction::InstallTemplate,
            "template",
            kind_code(t.kind),
            &format!("{} 第 {} 版", t.title, t.version),
        )?;
        tx.commit()?;
        Ok(summary(&t, Some(ctx.now.to_rfc3339()), true))
    }
}

/// The kind stored in a row.
pub(super) fn kind_from_code(code: String) -> rusqlite::Result<DocumentKind> {
    parse_code(code)
}
