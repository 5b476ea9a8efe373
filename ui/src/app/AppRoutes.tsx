/** Every route of the shell. */
import { Navigate, Route, Routes } from "react-router-dom";
import { ResidentDetailPage } from "../features/residents/components/ResidentDetailPage";
import { ResidentFormPage } from "../features/residents/components/ResidentFormPage";
import { ResidentListPage } from "../features/residents/components/ResidentListPage";
import { SettingsPage } from "../features/settings/components/SettingsPage";
import { AppLayout } from "./AppLayout";
import { NAV_ENTRIES } from "./navigation";
import { PlaceholderPage } from "./PlaceholderPage";

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<Navigate to="/residents" replace />} />
        <Route path="residents" element={<ResidentListPage />} />
        <Route path="residents/new" element={<ResidentFormPage />} />
        <Route path="residents/:id" element={<ResidentDetailPage />} />
        <Route path="residents/:id/edit" element={<ResidentFormPage />} />
        <Route path="settings" element={<SettingsPage />} />
        {NAV_ENTRIES.filter((e) => e.purpose !== undefined).map((e) => (
          <Route
            key={e.path}
            path={e.path}
            element={<PlaceholderPage title={e.label} purpose={e.purpose ?? ""} />}
          />
        ))}
        <Route path="*" element={<Navigate to="/residents" replace />} />
      </Route>
    </Routes>
  );
}
