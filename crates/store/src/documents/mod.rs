//! Signed documents: a draft agreement or a contract becomes a PDF filled from the current
//! template, previewed as a draft, then signed — the parties' handwritten signatures drawn on the
//! pad, the agreement put into force (or the contract signed) and the PDF digitally signed with
//! the institution's certificate, all in one transaction. The signed PDF is stored byte for byte
//! and never changed, so every reprint is identical.
mod build;
mod expiring;
mod identity;
mod templates;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use sha2::{Digest, Sha256};
use yiyang_domain::document::{
    agreement_values, contract_values, fill, ContractResident, FilledDocument,
};
use yiyang_domain::text::parse_iso_date;
use yiyang_pdf::sign::{sign_pdf, SignRequest};
use yiyang_pdf::{qr_payload, Document, Font};
use yiyang_protocol::{
    AgreementStep, AuditAction, ContractStatus, DocumentKind, DrawnSignature, Institution,
    Permission, SignAgreementDocument, SignContract, SignContractDocument, SignedDocument,
};

use crate::agreements::{activate_in, read_agreement, terminate_in};
use crate::audit::append_for;
use crate::contracts::read::read_contract;
use crate::contracts::sign_in;
use crate::institutions::{own_institution_id, read_institution};
use crate::residents::read::parse_code;
use crate::{Result, Store, StoreError, WriteCtx};
use build::{check_printable, render_preview, signature_png, Signer};
use templates::{current_template, kind_code, kind_from_code};

/// The settings key of the clinic's 医疗机构执业许可证登记号, remembered between agreements.
const LICENCE_KEY: &str = "licence_no";
const MAX_LICENCE_CHARS: usize = 40;
const MAX_SIGNER_CHARS: usize = 30;

/// A PDF made for checking before signing, and the characters its font could not draw.
#[derive(Debug, Clone)]
pub struct PreviewPdf {
    pub bytes: Vec<u8>,
    pub pages: u32,
    pub missing_chars: Vec<char>,
}

pub(crate) fn pdf_error(code: &'static str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Document {
        code,
        message: e.to_string(),
    }
}

fn signer_name(field: &'static str, who: &str, raw: &str) -> Result<String> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > MAX_SIGNER_CHARS {
        return Err(StoreError::field(
            field,
            "document.signer_name",
            format!("{who}姓名：请填写签字人的姓名（1–{MAX_SIGNER_CHARS} 个字）"),
        ));
    }
    Ok(name.to_owned())
}

fn drawn(field: &'static str, who: &str, s: &DrawnSignature, on: NaiveDate) -> Result<Signer> {
    Ok(Signer {
        name: signer_name(field, who, &s.name)?,
        png: Some(signature_png(field, who, &s.png)?),
        date: Some(on),
    })
}

fn blank(name: &str) -> Signer {
    Signer {
        name: name.to_owned(),
        png: None,
        date: None,
    }
}

const DOC_COLUMNS: &str = "id, kind, record_id, number, title, template_version, content_hash,
    pdf_sha256, length(pdf), pages, signatories, signed_at, signed_by, certificate_fingerprint";

fn doc_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SignedDocument> {
    let signatories: String = r.get(10)?;
    Ok(SignedDocument {
        id: r.get(0)?,
        kind: kind_from_code(r.get(1)?)?,
        record_id: r.get(2)?,
        number: r.get(3)?,
        title: r.get(4)?,
        template_version: r.get(5)?,
        content_hash: r.get(6)?,
        pdf_sha256: r.get(7)?,
        size_bytes: r.get(8)?,
        pages: r.get(9)?,
        signatories: serde_json::from_str(&signatories).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(10, rusqlite::types::Type::Text, Box::new(e))
        })?,
        signed_at: r.get(11)?,
        signed_by: r.get(12)?,
        certificate_fingerprint: r.get(13)?,
    })
}

fn signed_document_of(
    conn: &Connection,
    kind: DocumentKind,
    record_id: &str,
) -> Result<Option<SignedDocument>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {DOC_COLUMNS} FROM signed_documents WHERE kind = ?1 AND record_id = ?2"
            ),
            params![kind_code(kind), record_id],
            doc_from_row,
        )
        .optional()?)
}

fn refuse_if_signed(conn: &Connection, kind: DocumentKind, record_id: &str) -> Result<()> {
    match signed_document_of(conn, kind, record_id)? {
        Some(d) => Err(StoreError::InvalidState {
            code: "document.already_signed",
            message: format!(
                "{} {} 已于 {} 签署，签署后的文本不能再改",
                d.title,
                d.number,
                &d.signed_at[..10.min(d.signed_at.len())]
            ),
        }),
        None => Ok(()),
    }
}

fn licence_no(conn: &Connection) -> Result<String> {
    let raw: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [LICENCE_KEY],
            |r| r.get(0),
        )
        .optional()?;
    Ok(raw
        .and_then(|r| serde_json::from_str(&r).ok())
        .unwrap_or_default())
}

fn contract_resident(conn: &Connection, id: &str) -> Result<ContractResident> {
    conn.query_row(
        "SELECT name, sex, birth_date, id_number, address, phone FROM residents WHERE id = ?1",
        [id],
        |r| {
            Ok(ContractResident {
                name: r.get(0)?,
                sex: parse_code(r.get(1)?)?,
                birth_date: r.get(2)?,
                id_number: r.get(3)?,
                address: r.get(4)?,
                phone: r.get(5)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: "居民档案",
        id: id.to_owned(),
    })
}

fn preview(doc: Document, font: &Font) -> Result<PreviewPdf> {
    let (rendered, missing_chars) = render_preview(doc, font)?;
    Ok(PreviewPdf {
        bytes: rendered.bytes,
        pages: u32::try_from(rendered.pages).unwrap_or(u32::MAX),
        missing_chars,
    })
}

/// What one signing writes, beside the record's own step.
struct Signing<'a> {
    kind: DocumentKind,
    record_id: &'a str,
    number: &'a str,
    template_version: u32,
    filled: FilledDocument,
    signers: Vec<Signer>,
    on: NaiveDate,
}

/// Renders, signs and stores the PDF inside the caller's transaction.
fn sign_and_store(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    session: Option<&crate::Session>,
    signer_org: &Institution,
    font: &Font,
    s: Signing<'_>,
) -> Result<SignedDocument> {
    let names: Vec<String> = s.signers.iter().map(|x| x.name.clone()).collect();
    let mut doc = build::document(&s.filled, s.number, s.signers, false, s.on);
    check_printable(&doc, font)?;
    let content_hash = doc.content_hash();
    doc.qr_payload = Some(qr_payload(s.number, &content_hash));
    let rendered = yiyang_pdf::render(&doc, font).map_err(|e| pdf_error(e.code(), e))?;
    let identity = identity::identity_of(tx, ctx, signer_org)?;
    let request = SignRequest {
        signer_name: signer_org.name.clone(),
        reason: format!("签署{} {}", doc.title, s.number),
        location: Some(signer_org.address.clone()).filter(|a| !a.trim().is_empty()),
        signing_time: ctx.now,
    };
    let pdf = sign_pdf(&rendered.bytes, &identity, &request).map_err(|e| pdf_error(e.code(), e))?;
    let pdf_sha256 = hex::encode(Sha256::digest(&pdf));
    let id = ctx.new_id();
    let signed_by = session.map_or_else(|| ctx.actor_id.clone(), |x| x.name.clone());
    tx.execute(
        "INSERT INTO signed_documents (id, kind, record_id, number, title, template_version,
             content_hash, pdf, pdf_sha256, pages, signatories, signed_at, signed_by,
             certificate_fingerprint)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            id,
            kind_code(s.kind),
            s.record_id,
            s.number,
            doc.title,
            s.template_version,
            content_hash,
            pdf,
            pdf_sha256,
            i64::try_from(rendered.pages).unwrap_or(i64::MAX),
            serde_json::to_string(&names)?,
            ctx.now.to_rfc3339(),
            signed_by,
            identity.fingerprint(),
        ],
    )?;
    append_for(
        tx,
        ctx,
        session,
        AuditAction::SignDocument,
        kind_code(s.kind),
        s.record_id,
        &format!(
            "{} {}：{}（PDF {pdf_sha256:.16}…）",
            doc.title,
            s.number,
            names.join("、")
        ),
    )?;
    signed_document_of(tx, s.kind, s.record_id)?.ok_or(StoreError::NotFound {
        what: "已签署的文书",
        id,
    })
}

impl Store {
    /// The clinic's 医疗机构执业许可证登记号 as last entered when signing.
    pub fn last_licence_no(&self) -> Result<String> {
        self.require(Permission::ViewResidents)?;
        licence_no(&self.conn)
    }

    /// A draft PDF of the agreement as it would be signed now (any status: a signed one previews
    /// its current record, the stored PDF is what [`Store::signed_document_pdf`] gives).
    pub fn preview_agreement_document(&self, id: &str, font: &Font) -> Result<PreviewPdf> {
        self.require(Permission::ViewResidents)?;
        let a = read_agreement(&self.conn, id)?;
        if let Some(home) = self.resident_scope()? {
            if home != a.nursing_home_id {
                return Err(StoreError::Forbidden {
                    permission: Permission::ViewResidents,
                });
            }
        }
        let clinic = read_institution(&self.conn, &a.clinic_id)?;
        let home = read_institution(&self.conn, &a.nursing_home_id)?;
        let template = current_template(&self.conn, DocumentKind::CooperationAgreement)?;
        let licence = licence_no(&self.conn)?;
        let values = agreement_values(&a, &clinic, &home, &licence, a.amends_number.as_deref());
        let filled = fill(&template, &values);
        let issued = parse_iso_date(&a.start_on).unwrap_or_default();
        let doc = build::document(&filled, &a.number, vec![blank(""), blank("")], true, issued);
        preview(doc, font)
    }

    /// Signs a draft agreement: both representatives' drawn signatures, the agreement in force
    /// from `on`, the PDF signed with the clinic's certificate and stored — one transaction.
    pub fn sign_agreement_document(
        &mut self,
        ctx: &WriteCtx,
        input: &SignAgreementDocument,
        font: &Font,
    ) -> Result<SignedDocument> {
        self.require(Permission::ManageAgreements)?;
        let licence = input.licence_no.trim().to_owned();
        if licence.is_empty() || licence.chars().count() > MAX_LICENCE_CHARS {
            return Err(StoreError::field(
                "licenceNo",
                "document.licence_no",
                format!(
                    "医疗机构执业许可证登记号：请填写甲方的登记号（1–{MAX_LICENCE_CHARS} 个字符）"
                ),
            ));
        }
        let session = self.session.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        refuse_if_signed(&tx, DocumentKind::CooperationAgreement, &input.id)?;
        let step = AgreementStep {
            id: input.id.clone(),
            version: input.version,
            on: input.on.clone(),
            reason: String::new(),
        };
        // An amendment ends the agreement it replaces on the day it comes into force.
        let draft = read_agreement(&tx, &input.id)?;
        if let Some(old_id) = &draft.amends {
            let old = read_agreement(&tx, old_id)?;
            let end = AgreementStep {
                id: old.id.clone(),
                version: old.version,
                on: input.on.clone(),
                reason: format!("由变更协议 {} 替代", draft.number),
            };
            terminate_in(&tx, ctx, session.as_ref(), &end)?;
        }
        activate_in(&tx, ctx, session.as_ref(), &step)?;
        let on = parse_iso_date(&input.on).unwrap_or(ctx.today);
        let signers = vec![
            drawn("clinic", "甲方代表", &input.clinic, on)?,
            drawn("home", "乙方代表", &input.home, on)?,
        ];
        let a = read_agreement(&tx, &input.id)?;
        let clinic = read_institution(&tx, &a.clinic_id)?;
        let home = read_institution(&tx, &a.nursing_home_id)?;
        let template = current_template(&tx, DocumentKind::CooperationAgreement)?;
        let filled = fill(
            &template,
            &agreement_values(&a, &clinic, &home, &licence, a.amends_number.as_deref()),
        );
        let signed = sign_and_store(
            &tx,
            ctx,
            session.as_ref(),
            &clinic,
            font,
            Signing {
                kind: DocumentKind::CooperationAgreement,
                record_id: &a.id,
                number: &a.number,
                template_version: template.version,
                filled,
                signers,
                on,
            },
        )?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![LICENCE_KEY, serde_json::to_string(&licence)?],
        )?;
        tx.commit()?;
        Ok(signed)
    }

    /// A draft PDF of a family-doctor contract.
    pub fn preview_contract_document(
        &self,
        contract_id: &str,
        today: NaiveDate,
        font: &Font,
    ) -> Result<PreviewPdf> {
        self.require(Permission::ViewResidents)?;
        let (c, home) = read_contract(&self.conn, contract_id, today)?;
        if let Some(scope) = self.resident_scope()? {
            if home.as_deref() != Some(scope.as_str()) {
                return Err(StoreError::Forbidden {
                    permission: Permission::ViewResidents,
                });
            }
        }
        let org = read_institution(&self.conn, &own_institution_id(&self.conn)?)?;
        let resident = contract_resident(&self.conn, &c.resident_id)?;
        let template = current_template(&self.conn, DocumentKind::FamilyDoctorContract)?;
        let filled = fill(&template, &contract_values(&c, &org, &resident));
        let signers = vec![blank(&c.doctor_name), blank(&resident.name)];
        let doc = build::document(&filled, &c.number, signers, true, today);
        preview(doc, font)
    }

    /// Signs a contract's document (the doctor's and the resident's drawn signatures); a
    /// 待签约 contract is signed on `signed_on` in the same transaction.
    pub fn sign_contract_document(
        &mut self,
        ctx: &WriteCtx,
        input: &SignContractDocument,
        font: &Font,
    ) -> Result<SignedDocument> {
        self.require(Permission::ManageContracts)?;
        let session = self.session.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        refuse_if_signed(&tx, DocumentKind::FamilyDoctorContract, &input.contract_id)?;
        let (before, _) = read_contract(&tx, &input.contract_id, ctx.today)?;
        if before.version != input.version {
            return Err(StoreError::VersionConflict {
                base: input.version,
                current: before.version,
            });
        }
        let on = match before.status {
            ContractStatus::Pending => {
                let step = SignContract {
                    contract_id: input.contract_id.clone(),
                    version: input.version,
                    signed_on: input.signed_on.clone(),
                };
                sign_in(&tx, ctx, session.as_ref(), &step)?;
                parse_iso_date(&input.signed_on).unwrap_or(ctx.today)
            }
            ContractStatus::Signed | ContractStatus::Renewed => ctx.today,
            ContractStatus::Terminated => {
                return Err(StoreError::InvalidState {
                    code: "document.contract_terminated",
                    message: format!("签约 {} 已解约，不能再签署协议书", before.number),
                })
            }
        };
        let signers = vec![
            drawn("doctor", "签约医生", &input.doctor, on)?,
            drawn("resident", "居民或监护人", &input.resident, on)?,
        ];
        let (c, _) = read_contract(&tx, &input.contract_id, ctx.today)?;
        let org = read_institution(&tx, &own_institution_id(&tx)?)?;
        let resident = contract_resident(&tx, &c.resident_id)?;
        let template = current_template(&tx, DocumentKind::FamilyDoctorContract)?;
        let filled = fill(&template, &contract_values(&c, &org, &resident));
        let signed = sign_and_store(
            &tx,
            ctx,
            session.as_ref(),
            &org,
            font,
            Signing {
                kind: DocumentKind::FamilyDoctorContract,
                record_id: &c.id,
                number: &c.number,
                template_version: template.version,
                filled,
                signers,
                on,
            },
        )?;
        tx.commit()?;
        Ok(signed)
    }

    /// The signed document of an agreement or contract, if it was signed on this computer.
    pub fn signed_document(
        &self,
        kind: DocumentKind,
        record_id: &str,
    ) -> Result<Option<SignedDocument>> {
        self.require(Permission::ViewResidents)?;
        let doc = signed_document_of(&self.conn, kind, record_id)?;
        if let Some(d) = &doc {
            self.check_document_scope(d)?;
        }
        Ok(doc)
    }

    /// A signed PDF's bytes, exactly as signed.
    pub fn signed_document_pdf(&self, id: &str) -> Result<(SignedDocument, Vec<u8>)> {
        self.require(Permission::ViewResidents)?;
        let (doc, pdf) = self
            .conn
            .query_row(
                &format!("SELECT {DOC_COLUMNS}, pdf FROM signed_documents WHERE id = ?1"),
                [id],
                |r| Ok((doc_from_row(r)?, r.get(14)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "已签署的文书",
                id: id.to_owned(),
            })?;
        self.check_document_scope(&doc)?;
        Ok((doc, pdf))
    }

    /// A 养老机构管理员 reads only documents about their own home: its agreement, and contracts
    /// of residents living there.
    fn check_document_scope(&self, d: &SignedDocument) -> Result<()> {
        let Some(home) = self.resident_scope()? else {
            return Ok(());
        };
        let sql = match d.kind {
            DocumentKind::CooperationAgreement => {
                "SELECT nursing_home_id FROM agreements WHERE id = ?1"
            }
            DocumentKind::FamilyDoctorContract => {
                "SELECT r.nursing_home_id FROM contracts k JOIN residents r ON r.id = k.resident_id
                 WHERE k.id = ?1"
            }
        };
        let owner: Option<String> = self
            .conn
            .query_row(sql, [&d.record_id], |r| r.get(0))
            .optional()?
            .flatten();
        if owner.as_deref() == Some(home.as_str()) {
            Ok(())
        } else {
            Err(StoreError::Forbidden {
                permission: Permission::ViewResidents,
            })
        }
    }
}
