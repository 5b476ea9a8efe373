/** A screen of its own (log-in, lock, recovery code): a centred card on a plain background. */
import { Card, Typography } from "antd";
import type { ReactNode } from "react";

export interface FullWindowProps {
  title: ReactNode;
  subtitle?: ReactNode;
  width?: number;
  testId?: string;
  children: ReactNode;
}

export function FullWindow({ title, subtitle, width = 440, testId, children }: FullWindowProps) {
  return (
    <div
      data-testid={testId}
      style={{
        // The root has no set height, so 100% would be the card's own height.
        minHeight: "100vh",
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        background: "#f0f2f5",
        padding: 16,
        boxSizing: "border-box",
      }}
    >
      <Card style={{ width, maxWidth: "100%" }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {subtitle && <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>}
        {children}
      </Card>
    </div>
  );
}
