/** Every field of a resident file, read-only. */
import { Descriptions, Space, Tag, Tooltip } from "antd";
import type { Resident } from "../../../ipc";
import {
  LIVING_KIND_LABELS,
  MEDICAL_INSURANCE_LABELS,
  RESIDENT_FIELD_LABELS as L,
  SEX_LABELS,
  SPECIAL_CATEGORY_LABELS,
} from "../../../shared/labels";
import { formatDate, formatDateTime, orDash } from "../../../shared/format";
import { StatusTag } from "./StatusTag";

export function ResidentDescriptions({ resident: r }: { resident: Resident }) {
  const living =
    r.livingKind === "nursing_home"
      ? [r.nursingHomeName ?? "（未知机构）", r.room && `${r.room} 房`, r.bed && `${r.bed} 床`]
          .filter(Boolean)
          .join(" · ")
      : LIVING_KIND_LABELS.home;

  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }}>
      <Descriptions.Item label={L.name}>
        <span data-testid="detail-name">{r.name}</span>
      </Descriptions.Item>
      <Descriptions.Item label={L.idNumber}>
        <span data-testid="detail-idNumber">{r.idNumber}</span>
        {r.identityMasked && (
          <Tooltip title="当前角色只能看到部分身份证号和电话">
            <Tag data-testid="masked-tag" style={{ marginLeft: 8 }}>
              部分隐藏
            </Tag>
          </Tooltip>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={L.healthFileNo}>
        <span data-testid="detail-healthFileNo">{r.healthFileNo}</span>
      </Descriptions.Item>
      <Descriptions.Item label={L.sex}>
        <span data-testid="detail-sex">{SEX_LABELS[r.sex]}</span>
      </Descriptions.Item>
      <Descriptions.Item label={L.birthDate}>
        <span data-testid="detail-birthDate">{formatDate(r.birthDate)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={L.age}>
        <span data-testid="detail-age">{r.age} 岁</span>
      </Descriptions.Item>
      <Descriptions.Item label={L.phone}>{orDash(r.phone)}</Descriptions.Item>
      <Descriptions.Item label={L.status}>
        <Space size={4} wrap data-testid="detail-statusInfo">
          <StatusTag status={r.status} />
          {r.statusDate && <span>{formatDate(r.statusDate)}</span>}
          {r.statusNote && <span>（{r.statusNote}）</span>}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={L.livingKind}>{living}</Descriptions.Item>
      <Descriptions.Item label={L.address} span={{ xs: 1, md: 2, xl: 3 }}>
        {orDash(r.address)}
      </Descriptions.Item>
      <Descriptions.Item label={L.hukouAddress} span={{ xs: 1, md: 2, xl: 3 }}>
        {orDash(r.hukouAddress)}
      </Descriptions.Item>
      <Descriptions.Item label={L.emergencyContactName}>{orDash(r.emergencyContactName)}</Descriptions.Item>
      <Descriptions.Item label={L.emergencyContactPhone}>{orDash(r.emergencyContactPhone)}</Descriptions.Item>
      <Descriptions.Item label={L.medicalInsurance}>{MEDICAL_INSURANCE_LABELS[r.medicalInsurance]}</Descriptions.Item>
      <Descriptions.Item label={L.ltcInsurance}>{r.ltcInsurance ? "已参加" : "未参加"}</Descriptions.Item>
      <Descriptions.Item label={L.specialCategories}>
        {r.specialCategories.length === 0
          ? "—"
          : r.specialCategories.map((c) => <Tag key={c}>{SPECIAL_CATEGORY_LABELS[c]}</Tag>)}
      </Descriptions.Item>
      <Descriptions.Item label={L.chronicConditions}>
        {r.chronicConditions.length === 0
          ? "—"
          : r.chronicConditions.map((c) => (
              <Tag key={c} color="orange">
                {c}
              </Tag>
            ))}
      </Descriptions.Item>
      <Descriptions.Item label={L.allergies} span={{ xs: 1, md: 2, xl: 3 }}>
        {orDash(r.allergies)}
      </Descriptions.Item>
      <Descriptions.Item label={L.createdAt}>
        {formatDateTime(r.createdAt)}（{r.createdByName}）
      </Descriptions.Item>
      <Descriptions.Item label={L.updatedAt}>
        {formatDateTime(r.updatedAt)}（{r.updatedByName}）
      </Descriptions.Item>
    </Descriptions>
  );
}
