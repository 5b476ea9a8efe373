/** 新增记录: the kinds of entry (评估量表 ▸ its seven scales). */
import { DownOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import type { MenuProps } from "antd";
import { useMemo } from "react";
import { kindMenu, menuTargets } from "../recordKinds";
import type { FormTarget, KindMenuEntry } from "../recordKinds";

export interface AddRecordMenuProps {
  canSignPrescriptions: boolean;
  /** The resident lives at home: 居家照护 entries are offered. */
  atHome?: boolean;
  onPick: (target: FormTarget) => void;
}

function toItems(entries: readonly KindMenuEntry[]): NonNullable<MenuProps["items"]> {
  return entries.map((e) => ({
    key: e.key,
    label: <span data-testid={`add-record-${e.key}`}>{e.label}</span>,
    children: e.children ? toItems(e.children) : undefined,
  }));
}

export function AddRecordMenu({ canSignPrescriptions, atHome = false, onPick }: AddRecordMenuProps) {
  const menu = useMemo(() => kindMenu(canSignPrescriptions, atHome), [canSignPrescriptions, atHome]);
  const targets = useMemo(() => menuTargets(menu), [menu]);
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: toItems(menu),
        onClick: ({ key }) => {
          const t = targets.get(key);
          if (t) onPick(t);
        },
      }}
    >
      <Button type="primary" icon={<PlusOutlined />} data-testid="add-record">
        新增记录 <DownOutlined />
      </Button>
    </Dropdown>
  );
}
