import { Card, Typography } from "antd";

export interface PlaceholderPageProps {
  title: string;
  /** One sentence: what the screen will do. */
  purpose: string;
}

/** A menu entry whose screen is not built yet. */
export function PlaceholderPage({ title, purpose }: PlaceholderPageProps) {
  return (
    <Card title={title}>
      <Typography.Paragraph data-testid="not-yet-available">
        此功能尚未开放：将在后续版本提供（{purpose}）。
      </Typography.Paragraph>
    </Card>
  );
}
