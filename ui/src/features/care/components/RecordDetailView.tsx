/** One entry's detail, read-only, as Rust stored it (flagged values highlighted with their range). */
import { Descriptions, Space, Table, Tag, Typography } from "antd";
import type { AssessmentAnswers, AssessmentResult, HealthCheck, HealthFlag, RecordDetail } from "../../../ipc";
import { DISABILITY_GRADE_LABELS } from "../../../shared/labels";
import { SCALE_LABELS, TCM_CONSTITUTION_LABELS, TCM_VERDICT_LABELS } from "../careLabels";
import { healthCheckView } from "../healthCheckFields";
import { detailLines, flagNote } from "../recordDisplay";

export function RecordDetailView({ detail }: { detail: RecordDetail }) {
  if (detail.kind === "health_check") return <HealthCheckView check={detail.detail} />;
  if (detail.kind === "assessment") return <AssessmentView answers={detail.detail.answers} result={detail.detail.result} />;
  const lines = detailLines(detail);
  return (
    <Descriptions size="small" column={1} bordered data-testid="record-detail">
      {lines.map((l) => (
        <Descriptions.Item key={l.label} label={l.label}>
          <Value value={l.value} flag={l.flag} />
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** A value, red with its normal range when flagged. */
export function Value({ value, flag }: { value: string; flag?: HealthFlag }) {
  if (!flag) return <span style={{ whiteSpace: "pre-wrap" }}>{value}</span>;
  return (
    <span data-testid={`flagged-${flag.field}`}>
      <Typography.Text type="danger" strong>
        {value}
      </Typography.Text>
      <Typography.Text type="danger" style={{ marginLeft: 8, fontSize: 12 }}>
        {flagNote(flag)}
      </Typography.Text>
    </span>
  );
}

function HealthCheckView({ check }: { check: HealthCheck }) {
  const sections = healthCheckView(check);
  return (
    <div data-testid="record-detail">
      <Space wrap style={{ marginBottom: 8 }}>
        <span>体检日期：{check.checkedOn}</span>
        {check.flags.length === 0 ? (
          <Tag color="success">未见异常指标</Tag>
        ) : (
          <Tag color="error">{check.flags.length} 项指标异常</Tag>
        )}
      </Space>
      {check.flags.length > 0 && (
        <div style={{ marginBottom: 8 }}>
          {check.flags.map((f) => (
            <Tag key={f.field} color="error" style={{ marginBottom: 4 }}>
              {f.label} {f.value}（{flagNote(f)}）
            </Tag>
          ))}
        </div>
      )}
      {sections.map((s) => (
        <Descriptions
          key={s.key}
          title={s.title}
          size="small"
          bordered
          column={{ xs: 1, md: 2, xl: 3 }}
          style={{ marginBottom: 12 }}
        >
          {s.rows.map((r) => (
            <Descriptions.Item key={r.field} label={r.label}>
              <Value value={r.value} flag={r.flag} />
            </Descriptions.Item>
          ))}
        </Descriptions>
      ))}
    </div>
  );
}

function AssessmentView({ answers, result }: { answers: AssessmentAnswers; result: AssessmentResult }) {
  return (
    <div data-testid="record-detail">
      <AssessmentResultView result={result} />
      {answers.abilityFactors && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          昏迷：{answers.abilityFactors.coma ? "是" : "否"}；确诊痴呆或精神障碍：
          {answers.abilityFactors.dementiaOrPsychiatricDiagnosis ? "是" : "否"}；近30天照护风险事件：
          {answers.abilityFactors.careRiskEvents30Days} 次
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {SCALE_LABELS[answers.scale]} · 评分规则 {result.ruleVersion} · 答案 {answers.answers.join(" ")}
      </Typography.Text>
    </div>
  );
}

/** Total, band, grade, flags, domain scores and 体质 types of a result (saved or previewed). */
export function AssessmentResultView({ result }: { result: AssessmentResult }) {
  const tcm = result.scale === "tcm_constitution";
  return (
    <Space direction="vertical" size={8} style={{ width: "100%" }} data-testid="assessment-result">
      <Space wrap>
        {!tcm && (
          <Typography.Text strong data-testid="assessment-total">
            总分 {result.total}
          </Typography.Text>
        )}
        <Tag color={result.positive ? "error" : "blue"} data-testid="assessment-label">
          {result.label}
        </Tag>
        {result.grade && <Tag color="purple">{DISABILITY_GRADE_LABELS[result.grade]}</Tag>}
        {result.positive && <Tag color="error">筛查阳性</Tag>}
      </Space>
      {result.flags.length > 0 && (
        <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="assessment-flags">
          {result.flags.map((f) => (
            <li key={f}>
              <Typography.Text type="danger">{f}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
      {result.domainScores.length > 0 && (
        <Space wrap>
          {result.domainScores.map((d) => (
            <Tag key={d.name}>
              {d.name} {d.score}/{d.max}
            </Tag>
          ))}
        </Space>
      )}
      {tcm && result.tcmTypes.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey="constitution"
          dataSource={result.tcmTypes}
          columns={[
            { title: "体质", dataIndex: "constitution", render: (c: keyof typeof TCM_CONSTITUTION_LABELS) => TCM_CONSTITUTION_LABELS[c] },
            { title: "得分", dataIndex: "score" },
            {
              title: "判定",
              dataIndex: "verdict",
              render: (v: keyof typeof TCM_VERDICT_LABELS) => (
                <Typography.Text strong={v !== "no"} type={v === "no" ? "secondary" : undefined}>
                  {TCM_VERDICT_LABELS[v]}
                </Typography.Text>
              ),
            },
          ]}
        />
      )}
    </Space>
  );
}
