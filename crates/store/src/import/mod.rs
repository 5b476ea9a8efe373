//! Excel import of resident lists: read the sheet (`sheet`), map its columns (remembered per
//! institution in `mapping`), and write every valid row through the resident form's own path —
//! `residents::create_in` / `update_in`, so outbox, revision, search index and audit see an
//! imported file exactly like a typed one. The whole import is one transaction; a preview is the
//! same run rolled back, so its counts cannot disagree with the import.
mod mapping;
mod sheet;

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior};
use yiyang_domain::import::{
    apply_row, check_mapping, check_row, field_label, field_of_input, find_header_row,
    guess_mapping, is_blank_row, Cell,
};
use yiyang_domain::institution::is_care_home;
use yiyang_domain::mask::mask_id_number;
use yiyang_domain::{FieldError, IdNumber};
use yiyang_protocol::{
    FieldIssue, ImportOptions, ImportProgress, ImportRow, ImportSummary, LivingKind, MappedColumn,
    Permission, RejectedIssue, RejectedRow, ResidentInput, RowOutcome, SheetOverview,
};

use crate::institutions::kind_from_code;
use crate::residents::{create_in, input_from_fields, load_by_id_number, update_in};
use crate::{Result, Session, Store, StoreError, WriteCtx};

/// Rows between two progress reports.
const PROGRESS_EVERY: u32 = 250;
/// Sample rows shown under the mapping.
const SAMPLE_ROWS: usize = 5;

/// A progress callback: rows done of total.
pub type Progress<'a> = &'a mut dyn FnMut(ImportProgress);

impl Store {
    /// Opens a workbook and says what is in it: sheets, the header row (`header_row`, 1-based, or
    /// 0 to find it), and the mapping to start from (the one remembered for `nursing_home_id` — or this clinic — if it still fits the
    /// headers, else a guess from the header names).
    pub fn import_overview(
        &mut self,
        bytes: &[u8],
        sheet: Option<&str>,
        header_row: u32,
        nursing_home_id: Option<&str>,
    ) -> Result<SheetOverview> {
        self.require(Permission::EditResidents)?;
        let sheet = sheet::read(bytes, sheet)?;
        let header = header_index(&sheet.rows, header_row)?;
        let headers = header_texts(&sheet.rows[header]);
        let institution = mapping_owner(&self.conn, nursing_home_id)?;
        let remembered = mapping::remembered(&self.conn, &institution, &headers)?;
        let data: Vec<&Vec<Cell>> = sheet.rows[header + 1..]
            .iter()
            .filter(|r| !is_blank_row(r))
            .collect();
        Ok(SheetOverview {
            sheets: sheet.names,
            sheet: sheet.name,
            header_row: row_number(header),
            data_rows: u32::try_from(data.len()).unwrap_or(u32::MAX),
            remembered: remembered.is_some(),
            mapping: remembered.unwrap_or_else(|| guess_mapping(&headers)),
            sample: data
                .iter()
                .take(SAMPLE_ROWS)
                .map(|r| r.iter().map(Cell::display).collect())
                .collect(),
            headers,
        })
    }

    /// What importing would do, without writing anything: the counts, the first `first_rows`
    /// rows with their outcome, and every rejected row with its reasons.
    pub fn preview_import(
        &mut self,
        ctx: &WriteCtx,
        bytes: &[u8],
        options: &ImportOptions,
        first_rows: u32,
        progress: Progress<'_>,
    ) -> Result<ImportSummary> {
        self.require(Permission::EditResidents)?;
        let sheet = sheet::read(bytes, options.sheet.as_deref())?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let summary = run(
            &tx,
            ctx,
            self.session.as_ref(),
            &sheet.rows,
            options,
            first_rows,
            progress,
        );
        tx.rollback()?;
        summary
    }

    /// Imports the sheet in one transaction: valid rows become new files or updates of the file
    /// with the same 身份证号, rejected rows are reported and nothing of them is written. The
    /// mapping is remembered for the institution.
    pub fn import_residents(
        &mut self,
        ctx: &WriteCtx,
        bytes: &[u8],
        options: &ImportOptions,
        progress: Progress<'_>,
    ) -> Result<ImportSummary> {
        self.require(Permission::EditResidents)?;
        let sheet = sheet::read(bytes, options.sheet.as_deref())?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut summary = run(
            &tx,
            ctx,
            self.session.as_ref(),
            &sheet.rows,
            options,
            0,
            progress,
        )?;
        let header = header_index(&sheet.rows, options.header_row)?;
        let owner = mapping_owner(&tx, options.nursing_home_id.as_deref())?;
        mapping::remember(
            &tx,
            ctx,
            &owner,
            &options.mapping,
            &header_texts(&sheet.rows[header]),
        )?;
        tx.commit()?;
        summary.stored = true;
        Ok(summary)
    }
}

fn row_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

fn header_texts(row: &[Cell]) -> Vec<String> {
    row.iter().map(Cell::display).collect()
}

/// The 0-based header row: the one asked for (1-based), or found in the top rows.
fn header_index(rows: &[Vec<Cell>], asked: u32) -> Result<usize> {
    if asked > 0 {
        let i = asked as usize - 1;
        return if i < rows.len() {
            Ok(i)
        } else {
            Err(StoreError::field(
                "headerRow",
                "import.header_row",
                format!(
                    "表头行第 {asked} 行超出了工作表的范围（共 {} 行）",
                    rows.len()
                ),
            ))
        };
    }
    find_header_row(rows).ok_or_else(|| {
        StoreError::field(
            "headerRow",
            "import.no_header",
            "在工作表前 10 行中找不到表头（至少要有“姓名”“身份证号”等两列标题），请指定表头所在的行"
                .into(),
        )
    })
}

/// Whose mapping: the nursing home the list is from, else this clinic.
fn mapping_owner(conn: &rusqlite::Connection, nursing_home_id: Option<&str>) -> Result<String> {
    match nursing_home_id {
        Some(id) => Ok(id.to_owned()),
        None => conn
            .query_row("SELECT institution_id FROM installation", [], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotSetUp),
    }
}

/// A nursing home given for the whole list must be a registered one: checked once, not on
/// every row.
fn check_home(tx: &Transaction<'_>, id: &str) -> Result<()> {
    let kind: Option<String> = tx
        .query_row(
            "SELECT kind FROM institutions WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match kind.as_deref().map(kind_from_code).transpose()? {
        Some(k) if is_care_home(k) => Ok(()),
        _ => Err(StoreError::field(
            "nursingHomeId",
            "nursing_home.unknown",
            "养老机构：请选择已登记的敬老院或养老机构".into(),
        )),
    }
}

fn place(input: &mut ResidentInput, nursing_home_id: Option<&str>) {
    if let Some(home) = nursing_home_id {
        input.living_kind = LivingKind::NursingHome;
        input.nursing_home_id = Some(home.to_owned());
    }
}

struct Columns<'a> {
    mapping: &'a [MappedColumn],
    headers: Vec<String>,
}

impl Columns<'_> {
    /// The sheet's header over the column a form field comes from, or the field's name.
    fn label(&self, input_field: &str) -> String {
        let Some(field) = field_of_input(input_field) else {
            return match input_field {
                "nursingHomeId" => "养老机构".into(),
                "villageCode" => "村/居委会代码".into(),
                other => other.into(),
            };
        };
        self.mapping
            .iter()
            .find(|m| m.field == field)
            .and_then(|m| self.headers.get(m.column as usize))
            .filter(|h| !h.is_empty())
            .cloned()
            .unwrap_or_else(|| field_label(field).into())
    }
}

fn run(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    session: Option<&Session>,
    rows: &[Vec<Cell>],
    options: &ImportOptions,
    first_rows: u32,
    progress: Progress<'_>,
) -> Result<ImportSummary> {
    check_mapping(&options.mapping)?;
    let home = options
        .nursing_home_id
        .as_deref()
        .filter(|h| !h.trim().is_empty());
    if let Some(home) = home {
        check_home(tx, home)?;
    }
    let header = header_index(rows, options.header_row)?;
    let columns = Columns {
        mapping: &options.mapping,
        headers: header_texts(&rows[header]),
    };
    let data: Vec<(u32, &Vec<Cell>)> = rows
        .iter()
        .enumerate()
        .skip(header + 1)
        .filter(|(_, r)| !is_blank_row(r))
        .map(|(i, r)| (row_number(i), r))
        .collect();
    let total = u32::try_from(data.len()).unwrap_or(u32::MAX);
    let mut summary = ImportSummary {
        total,
        new: 0,
        update: 0,
        unchanged: 0,
        rejected: 0,
        stored: false,
        rows: Vec::new(),
        rejected_rows: Vec::new(),
    };
    // Normalised 身份证号 → the first sheet row that had it.
    let mut seen: HashMap<String, u32> = HashMap::new();
    progress(ImportProgress { done: 0, total });
    for (done, (row_no, cells)) in data.into_iter().enumerate() {
        let line = import_row(tx, ctx, session, cells, &options.mapping, home)?;
        let mut line = ImportRow {
            row: row_no,
            ..line
        };
        if let Ok(id) = IdNumber::parse(&line.id_number, ctx.today) {
            match seen.get(id.as_str()) {
                Some(first) => line.duplicate_of_row = Some(*first),
                None => {
                    seen.insert(id.as_str().to_owned(), row_no);
                }
            }
        }
        match line.outcome {
            RowOutcome::New => summary.new += 1,
            RowOutcome::Update => summary.update += 1,
            RowOutcome::Unchanged => summary.unchanged += 1,
            RowOutcome::Rejected => {
                summary.rejected += 1;
                summary.rejected_rows.push(rejected(&line, cells, &columns));
            }
        }
        line.id_number = mask_id_number(&line.id_number);
        if summary.rows.len() < first_rows as usize {
            summary.rows.push(line);
        }
        let done = u32::try_from(done + 1).unwrap_or(u32::MAX);
        if done % PROGRESS_EVERY == 0 || done == total {
            progress(ImportProgress { done, total });
        }
    }
    Ok(summary)
}

/// The report line of a rejected row; the 身份证号 as written, so it can be found in the sheet.
fn rejected(line: &ImportRow, cells: &[Cell], columns: &Columns<'_>) -> RejectedRow {
    let id_number = columns
        .mapping
        .iter()
        .find(|m| m.field == yiyang_protocol::ImportField::IdNumber)
        .and_then(|m| cells.get(m.column as usize))
        .map(Cell::display)
        .unwrap_or_default();
    RejectedRow {
        row: line.row,
        name: line.name.clone(),
        id_number,
        issues: line
            .issues
            .iter()
            .map(|i| RejectedIssue {
                column: columns.label(&i.field),
                code: i.code.clone(),
                message: i.message.clone(),
            })
            .collect(),
    }
}

fn issues(errors: Vec<FieldError>) -> Vec<FieldIssue> {
    errors.into_iter().map(FieldIssue::from).collect()
}

/// One row: validated with the form's rules over the stored file (update) or an empty form
/// (new), then written in a savepoint so a row the store refuses (a taken 健康档案编号) leaves
/// nothing behind while the rows around it stay.
fn import_row(
    tx: &Transaction<'_>,
    ctx: &WriteCtx,
    session: Option<&Session>,
    cells: &[Cell],
    mapping: &[MappedColumn],
    home: Option<&str>,
) -> Result<ImportRow> {
    let mut fresh = ResidentInput::default();
    let cell_errors = apply_row(&mut fresh, cells, mapping);
    place(&mut fresh, home);
    let mut line = ImportRow {
        row: 0,
        name: fresh.name.clone(),
        id_number: fresh.id_number.clone(),
        outcome: RowOutcome::Rejected,
        resident_id: None,
        duplicate_of_row: None,
        issues: Vec::new(),
    };
    let existing = match IdNumber::parse(&fresh.id_number, ctx.today) {
        Ok(id) if cell_errors.is_empty() => load_by_id_number(tx, id.as_str())?,
        _ => None,
    };
    let (input, cell_errors) = match &existing {
        None => (fresh, cell_errors),
        Some((_, current)) => {
            let mut base = input_from_fields(&current.fields);
            let errors = apply_row(&mut base, cells, mapping);
            place(&mut base, home);
            (base, errors)
        }
    };
    let valid = match check_row(&input, cell_errors, ctx.today) {
        Ok(v) => v,
        Err(errors) => {
            line.issues = issues(errors);
            return Ok(line);
        }
    };
    line.id_number = valid.id_number.as_str().to_owned();
    tx.execute_batch("SAVEPOINT import_row")?;
    let written = match &existing {
        None => create_in(tx, ctx, session, &valid).map(|id| (RowOutcome::New, id)),
        Some((id, current)) => update_in(tx, ctx, session, id, current, &valid).map(|changed| {
            let outcome = if changed.is_empty() {
                RowOutcome::Unchanged
            } else {
                RowOutcome::Update
            };
            (outcome, id.clone())
        }),
    };
    match written {
        Ok((outcome, id)) => {
            tx.execute_batch("RELEASE import_row")?;
            line.outcome = outcome;
            line.resident_id = Some(id);
        }
        Err(e) if !e.field_issues().is_empty() => {
            tx.execute_batch("ROLLBACK TO import_row; RELEASE import_row")?;
            line.issues = e
                .field_issues()
                .into_iter()
                .filter(|i| i.field != "existingResidentId")
                .collect();
        }
        Err(e) => return Err(e),
    }
    Ok(line)
}
