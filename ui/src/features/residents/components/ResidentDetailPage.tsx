/** 居民档案详情 (`/residents/:id`): the file, its status and its change history. */
import { ArrowLeftOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Space, Spin, Typography } from "antd";
import { useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { useCan } from "../../../app/SessionContext";
import { useResident, useResidentHistory } from "../hooks/useResident";
import { ResidentCarePanel } from "../../care/components/ResidentCarePanel";
import { HistoryTimeline } from "./HistoryTimeline";
import { ResidentDescriptions } from "./ResidentDescriptions";
import { StatusChangeModal } from "./StatusChangeModal";
import { StatusTag } from "./StatusTag";

export function ResidentDetailPage() {
  const { id = "" } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { resident, loading, error, reload } = useResident(id);
  const history = useResidentHistory(id);
  const [statusOpen, setStatusOpen] = useState(false);
  const canEdit = useCan("edit_residents");

  if (loading && !resident) return <Spin style={{ display: "block", margin: 48 }} />;
  if (error || !resident) {
    return (
      <Alert
        type="error"
        showIcon
        message="无法打开档案"
        description={error?.message}
        action={<Button onClick={() => navigate("/residents")}>返回列表</Button>}
      />
    );
  }

  return (
    <div data-testid="resident-detail">
      <Space style={{ marginBottom: 16, width: "100%", justifyContent: "space-between" }} wrap>
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate("/residents")}>
            居民列表
          </Button>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {resident.name}
          </Typography.Title>
          <StatusTag status={resident.status} />
        </Space>
        {canEdit && (
          <Space>
            <Button type="primary" data-testid="detail-edit" onClick={() => navigate(`/residents/${id}/edit`)}>
              编辑
            </Button>
            <Button data-testid="detail-status" onClick={() => setStatusOpen(true)}>
              变更状态
            </Button>
          </Space>
        )}
      </Space>
      <Card>
        <ResidentDescriptions resident={resident} />
      </Card>
      <ResidentCarePanel residentId={resident.id} atHome={resident.livingKind === "home"} />
      <Card title="修改历史" style={{ marginTop: 16 }}>
        <HistoryTimeline entries={history.entries} loading={history.loading} error={history.error} />
      </Card>
      <StatusChangeModal
        resident={resident}
        open={statusOpen && canEdit}
        onClose={() => setStatusOpen(false)}
        onChanged={() => {
          setStatusOpen(false);
          message.success("状态已变更");
          reload();
          history.reload();
        }}
      />
    </div>
  );
}
