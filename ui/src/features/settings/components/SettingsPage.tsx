/** 设置: this installation's institution, device and data file, and the partner nursing homes. */
import { Card, Descriptions, Typography } from "antd";
import { useSetup } from "../../../app/SetupContext";
import { INSTITUTION_KIND_LABELS } from "../../../shared/labels";
import { NursingHomesSection } from "../../institutions/components/NursingHomesSection";

export function SettingsPage() {
  const { institution, user, deviceId, dataPath } = useSetup();
  return (
    <>
      <Card title="本机构">
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label="机构名称">{institution.name}</Descriptions.Item>
          <Descriptions.Item label="机构类型">{INSTITUTION_KIND_LABELS[institution.kind]}</Descriptions.Item>
          <Descriptions.Item label="统一社会信用代码">{institution.creditCode}</Descriptions.Item>
          <Descriptions.Item label="县级行政区划代码">{institution.countyCode}</Descriptions.Item>
          <Descriptions.Item label="乡镇（街道）代码">{institution.townshipCode}</Descriptions.Item>
          <Descriptions.Item label="默认村（居）委会代码">{institution.villageCode}</Descriptions.Item>
          <Descriptions.Item label="地址">{institution.address}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{institution.contactPhone}</Descriptions.Item>
          <Descriptions.Item label="当前用户">{user.name}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="本机设备与数据" style={{ marginTop: 16 }}>
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label="设备标识">
            <Typography.Text copyable data-testid="settings-device-id">
              {deviceId}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="数据文件">
            <Typography.Text copyable data-testid="settings-data-path">
              {dataPath}
            </Typography.Text>
            <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0" }}>
              全部档案都保存在这个文件中。手工备份时请先退出医养通，再复制该文件。
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <NursingHomesSection
        defaults={{
          countyCode: institution.countyCode,
          townshipCode: institution.townshipCode,
          villageCode: institution.villageCode,
        }}
      />
    </>
  );
}
