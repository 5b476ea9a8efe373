-- Signed documents (医养服务合作协议, 家庭医生签约服务协议): the signed PDFs, the institution's
-- signing key, and document templates installed from the county. Local to this computer (not
-- synced): the PDF is the paper of record, kept byte for byte so a reprint is identical.

-- The institution's key and self-issued certificate that sign its PDFs (the store file is
-- encrypted, so the key is at rest under the same key as the medical records).
CREATE TABLE signing_keys (
    institution_id TEXT PRIMARY KEY REFERENCES institutions (id),
    key_der        BLOB NOT NULL,
    cert_der       BLOB NOT NULL,
    fingerprint    TEXT NOT NULL CHECK (length(fingerprint) = 64),
    created_at     TEXT NOT NULL
);

-- One signed PDF per agreement or contract; append-only (triggers below).
CREATE TABLE signed_documents (
    id                      TEXT PRIMARY KEY,
    kind                    TEXT NOT NULL CHECK (kind IN ('cooperation_agreement', 'family_doctor_contract')),
    record_id               TEXT NOT NULL,
    number                  TEXT NOT NULL,
    title                   TEXT NOT NULL,
    template_version        INTEGER NOT NULL CHECK (template_version >= 1),
    content_hash            TEXT NOT NULL CHECK (length(content_hash) = 64),
    pdf                     BLOB NOT NULL,
    pdf_sha256              TEXT NOT NULL CHECK (length(pdf_sha256) = 64),
    pages                   INTEGER NOT NULL CHECK (pages >= 1),
    signatories             TEXT NOT NULL,
    signed_at               TEXT NOT NULL,
    signed_by               TEXT NOT NULL,
    certificate_fingerprint TEXT NOT NULL,
    UNIQUE (kind, record_id)
);
CREATE TRIGGER signed_documents_no_update BEFORE UPDATE ON signed_documents
BEGIN
    SELECT RAISE(ABORT, 'signed documents are immutable');
END;
CREATE TRIGGER signed_documents_no_delete BEFORE DELETE ON signed_documents
BEGIN
    SELECT RAISE(ABORT, 'signed documents are immutable');
END;

-- An amendment (变更协议) is a new agreement pointing at the one it replaces; signing it ends
-- the old one. Synced like the other fields (null on rows from before this version).
ALTER TABLE agreements ADD COLUMN amends TEXT;

-- Template versions installed on this computer (version 1 of each kind ships with the app).
CREATE TABLE document_templates (
    kind         TEXT NOT NULL CHECK (kind IN ('cooperation_agreement', 'family_doctor_contract')),
    version      INTEGER NOT NULL CHECK (version >= 2),
    body         TEXT NOT NULL,
    installed_at TEXT NOT NULL,
    installed_by TEXT NOT NULL,
    PRIMARY KEY (kind, version)
);
