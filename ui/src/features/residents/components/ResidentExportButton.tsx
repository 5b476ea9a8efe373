/** 导出 Excel: the resident list the user may see, saved where they choose (Rust asks). */
import { DownloadOutlined } from "@ant-design/icons";
import { App, Button } from "antd";
import { useExportResidents } from "../hooks/useExportResidents";

export function ResidentExportButton() {
  const { message } = App.useApp();
  const exporter = useExportResidents();
  const run = async () => {
    const r = await exporter.run();
    if (!r.ok) message.error(r.error.message);
    else if (r.value !== null) message.success(`居民名单已导出到 ${r.value}`);
  };
  return (
    <Button icon={<DownloadOutlined />} data-testid="resident-export" loading={exporter.running} onClick={run}>
      导出 Excel
    </Button>
  );
}
