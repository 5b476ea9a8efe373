//! What the county keeps of each settled mutation: its result, so that a retried batch gets
//! the first answer again, and a rejected mutation in quarantine for a person to see.
use uuid::Uuid;
use yiyang_protocol::sync::{Mutation, MutationResult, Outcome};

use crate::db::Op;
use crate::error::{AppError, AppResult};

/// The settled mutations whose records are not written yet: both paths write them through
/// [`Settled::take_ops`], the batch path a chunk at a time, the other once at its end.
#[derive(Default)]
pub(super) struct Settled {
    seqs: Vec<i64>,
    mutation_ids: Vec<String>,
    results: Vec<String>,
    quarantined: Vec<Op>,
}

impl Settled {
    pub(super) fn push(
        &mut self,
        device: Uuid,
        m: &Mutation,
        result: &MutationResult,
    ) -> AppResult<()> {
        self.seqs.push(m.seq);
        self.mutation_ids.push(m.mutation_id.clone());
        self.results.push(
            serde_json::to_string(result)
                .map_err(|e| AppError::Internal(format!("result of seq {}: {e}", m.seq)))?,
        );
        self.quarantined.extend(quarantine(device, m, result)?);
        Ok(())
    }

    /// The results in one statement, then the quarantine records.
    pub(super) fn take_ops(&mut self, device: Uuid) -> Vec<Op> {
        if self.seqs.is_empty() {
            return Vec::new();
        }
        let Settled {
            seqs,
            mutation_ids,
            results,
            quarantined,
        } = std::mem::take(self);
        let mut ops = vec![Op::new(
            "INSERT INTO mutations (device_id, seq, mutation_id, result)
             SELECT $1, s, m, r FROM unnest($2::bigint[], $3::text[], $4::text[]) AS x(s, m, r)",
            vec![
                Box::new(device),
                Box::new(seqs),
                Box::new(mutation_ids),
                Box::new(results),
            ],
        )];
        ops.extend(quarantined);
        ops
    }
}

/// The quarantine record of a rejected mutation.
fn quarantine(device: Uuid, m: &Mutation, result: &MutationResult) -> AppResult<Option<Op>> {
    let Outcome::Rejected {
        code,
        field,
        message,
    } = &result.outcome
    else {
        return Ok(None);
    };
    let mutation = serde_json::to_value(m)
        .map_err(|e| AppError::Internal(format!("mutation {}: {e}", m.seq)))?;
    tracing::info!(device = %device, seq = m.seq, code = %code, "mutation quarantined");
    Ok(Some(Op::new(
        "INSERT INTO quarantine (device_id, seq, mutation, code, field, message)
         VALUES ($1, $2, $3, $4, $5, $6)",
        vec![
            Box::new(device),
            Box::new(m.seq),
            Box::new(mutation),
            Box::new(code.clone()),
            Box::new(field.clone()),
            Box::new(message.clone()),
        ],
    )))
}
