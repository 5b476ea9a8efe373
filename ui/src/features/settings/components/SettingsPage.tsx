/**
 * 设置: this installation's institution, device and data file, 安全 (idle lock), 备份 and restore,
 * the partner nursing homes and the 文书模板. Each part shows only what the user's role may change.
 */
import { Alert, Card, Descriptions, Spin, Typography } from "antd";
import { useSession } from "../../../app/SessionContext";
import { useSetup } from "../../../app/SetupContext";
import { INSTITUTION_KIND_LABELS, ROLE_LABELS } from "../../../shared/labels";
import { BackupSection } from "../../backup/components/BackupSection";
import { TemplatesSection } from "../../documents/components/TemplatesSection";
import { NursingHomesSection } from "../../institutions/components/NursingHomesSection";
import { useSettings } from "../hooks/useSettings";
import { SecuritySection } from "./SecuritySection";

export function SettingsPage() {
  const { institution, deviceId, dataPath } = useSetup();
  const { session, can, reloadStatus } = useSession();
  const settings = useSettings();

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
          <Descriptions.Item label="当前用户">
            {session.name}（{ROLE_LABELS[session.role]}）
          </Descriptions.Item>
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
              全部档案都加密保存在这个文件中。请在下方“备份”中设置自动备份到 U 盘等其他位置。
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {settings.error && !settings.settings && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          message="无法读取本机设置"
          description={settings.error.message}
        />
      )}
      {settings.loading && !settings.settings && <Spin style={{ display: "block", margin: 24 }} />}
      {settings.settings && (
        <>
          <SecuritySection
            settings={settings.settings}
            canChange={can("change_settings")}
            save={settings.save}
            saving={settings.saving}
            onSaved={() => reloadStatus()}
          />
          <BackupSection
            settings={settings.settings}
            canBackup={can("backup")}
            canRestore={can("restore")}
            save={settings.save}
            saving={settings.saving}
            onRestored={() => reloadStatus(true)}
          />
        </>
      )}
      <NursingHomesSection
        canRegister={can("manage_institutions")}
        defaults={{
          countyCode: institution.countyCode,
          townshipCode: institution.townshipCode,
          villageCode: institution.villageCode,
        }}
      />
      <TemplatesSection canInstall={can("manage_agreements")} />
    </>
  );
}
