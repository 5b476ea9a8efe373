//! Signed documents through the store facade, on a real data file, checked with the real poppler
//! and qpdf tools: signing a draft agreement activates it and stores a digitally signed PDF that
//! reprints byte for byte; what cannot be signed is refused with nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;
mod pads;
mod signing;
mod team;

use std::process::Command;

use pads::*;
use signing::*;
use yiyang_protocol::*;

fn tool(name: &str, args: &[&str], file: &std::path::Path) -> (bool, String) {
    let out = Command::new(name)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("{name} must be installed (poppler-utils, qpdf): {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// The PDF's text with all white space removed (line breaks split words anywhere in Chinese).
fn pdf_text(file: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .arg(file)
        .arg("-")
        .output()
        .expect("pdftotext must be installed (poppler-utils)");
    assert!(out.status.success());
    without_spaces(&String::from_utf8_lossy(&out.stdout))
}

/// With `YIYANG_EXAMPLES_DIR` set, keeps a copy of a signed PDF there (docs/examples are
/// rendered from these).
fn keep_example(name: &str, pdf: &[u8]) {
    if let Ok(dir) = std::env::var("YIYANG_EXAMPLES_DIR") {
        std::fs::write(std::path::Path::new(&dir).join(name), pdf).unwrap();
    }
}

fn without_spaces(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn signing_a_draft_agreement_activates_it_and_stores_a_signed_pdf_that_reprints_identically() {
    let mut t = team::team();
    let ctx = ctx(&t.admin);
    let draft = t
        .admin
        .create_agreement(&ctx, &agreement_input(&t.home_id))
        .unwrap();
    assert!(t.admin.last_licence_no().unwrap().is_empty());

    // A preview of the draft says so on the page and carries no signature.
    let preview = t
        .admin
        .preview_agreement_document(&draft.id, font())
        .unwrap();
    assert!(preview.missing_chars.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let preview_path = dir.path().join("preview.pdf");
    std::fs::write(&preview_path, &preview.bytes).unwrap();
    let text = pdf_text(&preview_path);
    assert!(text.contains("草稿（未签署，仅供核对）"), "{text}");
    assert!(text.contains("医养服务合作协议") && text.contains("XY2026-001"));
    let (_, sig) = tool("pdfsig", &[], &preview_path);
    assert!(sig.contains("does not contain any signatures"), "{sig}");

    let outbox_before = outbox(&t.admin, "agreements").len();
    let signed = t
        .admin
        .sign_agreement_document(&ctx, &sign_input(&draft, "林晓燕", "陈玉兰"), font())
        .unwrap();
    assert_eq!(signed.kind, DocumentKind::CooperationAgreement);
    assert_eq!(signed.number, "XY2026-001");
    assert_eq!(signed.signatories, ["林晓燕", "陈玉兰"]);
    assert_eq!(signed.template_version, 1);

    // The agreement is in force from the signing date, and that change syncs like any other.
    let now = t
        .admin
        .list_agreements()
        .unwrap()
        .into_iter()
        .find(|a| a.id == draft.id)
        .unwrap();
    assert_eq!(now.status, AgreementStatus::Active);
    assert_eq!(now.activated_on.as_deref(), Some("2026-11-20"));
    assert_eq!(outbox(&t.admin, "agreements").len(), outbox_before + 1);
    assert_eq!(t.admin.last_licence_no().unwrap(), "PDY00001X33010217D1202");

    // The PDF: text, parties, the signatories, a valid signature over the whole file.
    let (doc, bytes) = t.admin.signed_document_pdf(&signed.id).unwrap();
    assert_eq!(doc, signed);
    assert_eq!(bytes.len() as i64, signed.size_bytes);
    let path = dir.path().join("signed.pdf");
    std::fs::write(&path, &bytes).unwrap();
    keep_example("医养服务合作协议-示例.pdf", &bytes);
    let text = pdf_text(&path);
    for needed in [
        "医养服务合作协议",
        "XY2026-001",
        "第一条",
        "统一社会信用代码",
        "PDY00001X33010217D1202",
        "林晓燕",
        "陈玉兰",
        "S1定期巡诊：每周一次",
        "2026年11月20日",
    ] {
        assert!(text.contains(needed), "{needed} not in {text}");
    }
    assert!(!text.contains("草稿"), "a signed document is not a draft");
    let (_, sig) = tool("pdfsig", &[], &path);
    assert!(sig.contains("Signature is Valid"), "{sig}");
    assert!(sig.contains("Total document signed"), "{sig}");
    let (ok, check) = tool("qpdf", &["--check"], &path);
    assert!(ok, "{check}");

    // Reprinting gives the same bytes; the stored document cannot be signed twice or changed.
    let (_, again) = t.admin.signed_document_pdf(&signed.id).unwrap();
    assert_eq!(again, bytes);
    let err = t
        .admin
        .sign_agreement_document(&ctx, &sign_input(&now, "林晓燕", "陈玉兰"), font())
        .unwrap_err();
    assert_eq!(codes(&err), ["document.already_signed"]);
    assert_eq!(
        t.admin
            .signed_document(DocumentKind::CooperationAgreement, &draft.id)
            .unwrap(),
        Some(signed.clone())
    );
    let actions: Vec<AuditAction> = audited(&t.admin, &draft.id)
        .into_iter()
        .map(|(a, _, _)| a)
        .collect();
    assert!(actions.contains(&AuditAction::SignDocument), "{actions:?}");
    assert!(
        actions.contains(&AuditAction::ActivateAgreement),
        "{actions:?}"
    );
}

#[test]
fn what_cannot_be_signed_is_refused_and_nothing_is_written() {
    let mut t = team::team();
    let ctx = ctx(&t.admin);
    let draft = t
        .admin
        .create_agreement(&ctx, &agreement_input(&t.home_id))
        .unwrap();
    let outbox_before = outbox(&t.admin, "agreements").len();
    let cases: Vec<(SignAgreementDocument, &str)> = vec![
        (
            SignAgreementDocument {
                licence_no: " ".into(),
                ..sign_input(&draft, "林晓燕", "陈玉兰")
            },
            "document.licence_no",
        ),
        (sign_input(&draft, "", "陈玉兰"), "document.signer_name"),
        (
            SignAgreementDocument {
                home: DrawnSignature {
                    name: "陈玉兰".into(),
                    png: String::new(),
                },
                ..sign_input(&draft, "林晓燕", "陈玉兰")
            },
            "document.signature_missing",
        ),
        (
            SignAgreementDocument {
                clinic: DrawnSignature {
                    name: "林晓燕".into(),
                    png: "data:image/png;base64,bm90IGEgcG5n".into(),
                },
                ..sign_input(&draft, "林晓燕", "陈玉兰")
            },
            "document.signature_invalid",
        ),
        // A rare character the font lacks (U+2A6A5): refused before anything is signed.
        (
            sign_input(&draft, "张𪚥", "陈玉兰"),
            "document.missing_glyphs",
        ),
        (
            SignAgreementDocument {
                on: "2026-11-23".into(),
                ..sign_input(&draft, "林晓燕", "陈玉兰")
            },
            "agreement.activated_future",
        ),
    ];
    for (input, code) in cases {
        let err = t
            .admin
            .sign_agreement_document(&ctx, &input, font())
            .unwrap_err();
        assert_eq!(codes(&err), [code], "{err}");
    }
    let err = t
        .admin
        .sign_agreement_document(&ctx, &sign_input(&draft, "张𪚥", "陈玉兰"), font())
        .unwrap_err();
    let message = &err.field_issues()[0].message;
    assert!(message.contains("「𪚥」(U+2A6A5)"), "{message}");
    let still = t.admin.list_agreements().unwrap();
    assert_eq!(still[0].status, AgreementStatus::Draft);
    assert_eq!(outbox(&t.admin, "agreements").len(), outbox_before);
    assert_eq!(
        t.admin
            .signed_document(DocumentKind::CooperationAgreement, &draft.id)
            .unwrap(),
        None
    );
    // A 养老机构管理员 may look but not sign.
    let mut home_admin = t.as_role(Role::CareHomeAdmin);
    let err = home_admin
        .sign_agreement_document(&ctx, &sign_input(&draft, "林晓燕", "陈玉兰"), font())
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
}

#[test]
fn a_contract_document_is_signed_by_doctor_and_resident_and_signs_a_pending_contract() {
    let (t, team_id) = team_with_care_team();
    let mut doctor = t.as_role(Role::Doctor);
    let ctx = ctx(&doctor);
    let pending = doctor
        .create_contract(
            &ctx,
            &contract_input(&t, &team_id, &t.in_home.id, "2026-12-01", "2027-11-30"),
        )
        .unwrap();
    let preview = doctor
        .preview_contract_document(&pending.id, common::today(), font())
        .unwrap();
    assert!(preview.pages >= 1);
    let signed = doctor
        .sign_contract_document(
            &ctx,
            &SignContractDocument {
                contract_id: pending.id.clone(),
                version: pending.version,
                signed_on: "2026-11-22".into(),
                doctor: DrawnSignature {
                    name: pending.doctor_name.clone(),
                    png: pad(),
                },
                resident: DrawnSignature {
                    name: "张三丰".into(),
                    png: pad(),
                },
            },
            font(),
        )
        .unwrap();
    assert_eq!(signed.kind, DocumentKind::FamilyDoctorContract);
    let contract = doctor
        .list_contracts(
            &ContractQuery {
                resident_id: Some(t.in_home.id.clone()),
                ..ContractQuery::default()
            },
            common::today(),
        )
        .unwrap()
        .remove(0);
    assert_eq!(contract.status, ContractStatus::Signed);
    assert_eq!(contract.signed_on.as_deref(), Some("2026-11-22"));

    let (_, bytes) = doctor.signed_document_pdf(&signed.id).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contract.pdf");
    std::fs::write(&path, &bytes).unwrap();
    keep_example("家庭医生签约服务协议-示例.pdf", &bytes);
    let text = pdf_text(&path);
    for needed in [
        "家庭医生签约服务协议",
        &contract.number,
        "张三丰",
        "120.00元",
    ] {
        assert!(text.contains(needed), "{needed} not in {text}");
    }
    let (_, sig) = tool("pdfsig", &[], &path);
    assert!(sig.contains("Signature is Valid"), "{sig}");
}

#[test]
fn expiring_agreements_and_contracts_are_listed_a_month_ahead() {
    let (mut t, team_id) = team_with_care_team();
    let ctx = ctx(&t.admin);
    let mut input = agreement_input(&t.home_id);
    input.start_on = "2025-12-01".into();
    input.end_on = "2026-12-15".into();
    let a = t.admin.create_agreement(&ctx, &input).unwrap();
    t.admin
        .activate_agreement(&ctx, &step(&a, "2025-12-01", ""))
        .unwrap();
    let mut doctor = t.as_role(Role::Doctor);
    let soon = signed_contract(
        &mut doctor,
        &t,
        &team_id,
        &t.at_home.id,
        "2025-12-15",
        "2026-12-14",
    );
    // Ends in eleven months: not listed.
    signed_contract(
        &mut doctor,
        &t,
        &team_id,
        &t.in_home.id,
        "2026-11-01",
        "2027-10-31",
    );

    let items = t.admin.expiring_items(common::today()).unwrap();
    let listed: Vec<(DocumentKind, &str, i64)> = items
        .iter()
        .map(|i| (i.kind, i.number.as_str(), i.days_left))
        .collect();
    assert_eq!(
        listed,
        [
            (DocumentKind::FamilyDoctorContract, soon.number.as_str(), 22),
            (DocumentKind::CooperationAgreement, a.number.as_str(), 23),
        ]
    );
    // The 养老机构管理员 of the agreement's home sees it, not the at-home resident's contract.
    let home_admin = t.as_role(Role::CareHomeAdmin);
    let theirs = home_admin.expiring_items(common::today()).unwrap();
    let theirs: Vec<&str> = theirs.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(
        theirs,
        [a.number.as_str()],
        "李四 lives at home, not in their home"
    );
}

#[test]
fn an_amendment_is_a_new_version_that_ends_the_old_agreement_when_signed() {
    let mut t = team::team();
    let ctx = ctx(&t.admin);
    let draft = t
        .admin
        .create_agreement(&ctx, &agreement_input(&t.home_id))
        .unwrap();
    t.admin
        .sign_agreement_document(&ctx, &sign_input(&draft, "林晓燕", "陈玉兰"), font())
        .unwrap();
    let old = t.admin.get_agreement(&draft.id).unwrap();
    let amendment = t.admin.amend_agreement(&ctx, &step(&old, "", "")).unwrap();
    assert_eq!(amendment.status, AgreementStatus::Draft);
    assert_eq!(amendment.amends.as_deref(), Some(draft.id.as_str()));
    assert_eq!(amendment.amends_number.as_deref(), Some("XY2026-001"));
    assert_eq!(amendment.number, "XY2026-002");
    assert_eq!(amendment.items, old.items);
    // The old one stays in force until the amendment is signed; one open amendment at a time.
    let old = t.admin.get_agreement(&draft.id).unwrap();
    assert_eq!(old.status, AgreementStatus::Active);
    assert_eq!(old.amended_by.as_deref(), Some(amendment.id.as_str()));
    let err = t
        .admin
        .amend_agreement(&ctx, &step(&old, "", ""))
        .unwrap_err();
    assert_eq!(codes(&err), ["agreement.amendment_open"]);

    // The draft is edited (a note) and signed: in force, and the old one ended that day.
    let mut input = agreement_input(&t.home_id);
    input.number = amendment.number.clone();
    input.note = "自 2026 年 12 月起每周巡诊两次".into();
    let edited = t
        .admin
        .update_agreement(
            &ctx,
            &UpdateAgreement {
                id: amendment.id.clone(),
                version: amendment.version,
                input,
            },
        )
        .unwrap();
    assert_eq!(
        edited.amends.as_deref(),
        Some(draft.id.as_str()),
        "kept on edit"
    );
    let mut sign = sign_input(&edited, "林晓燕", "陈玉兰");
    sign.on = "2026-11-21".into();
    let signed = t
        .admin
        .sign_agreement_document(&ctx, &sign, font())
        .unwrap();
    let old = t.admin.get_agreement(&draft.id).unwrap();
    assert_eq!(old.status, AgreementStatus::Terminated);
    assert_eq!(old.terminated_on.as_deref(), Some("2026-11-21"));
    assert_eq!(old.termination_reason, "由变更协议 XY2026-002 替代");
    let new = t.admin.get_agreement(&amendment.id).unwrap();
    assert_eq!(new.status, AgreementStatus::Active);
    // Both changes travel to the county; the new row names the old one.
    let rows = outbox(&t.admin, "agreements");
    let insert = rows
        .iter()
        .find(|r| r.row_id == amendment.id && r.op == "insert")
        .unwrap();
    assert_eq!(insert.fields["amends"], draft.id.as_str());

    // The signed text says what it replaces; the old PDF is kept unchanged.
    let (_, bytes) = t.admin.signed_document_pdf(&signed.id).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("amendment.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let text = pdf_text(&path);
    assert!(
        text.contains("本协议是对第XY2026-001号协议的变更"),
        "{text}"
    );
    assert!(text.contains("自2026年12月起每周巡诊两次"), "{text}");
    assert!(t
        .admin
        .signed_document(DocumentKind::CooperationAgreement, &draft.id)
        .unwrap()
        .is_some());
}
