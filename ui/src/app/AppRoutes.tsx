/** Every route of the shell. Screens a role may not use say so, also when opened by address. */
import { Navigate, Route, Routes } from "react-router-dom";
import { AgreementsPage } from "../features/agreements/components/AgreementsPage";
import { HomeCarePage } from "../features/homecare/components/HomeCarePage";
import { AuditPage } from "../features/audit/components/AuditPage";
import { HomePage } from "../features/home/components/HomePage";
import { ImportWizard } from "../features/import/components/ImportWizard";
import { ContractsPage } from "../features/contracts/components/ContractsPage";
import { ResidentDetailPage } from "../features/residents/components/ResidentDetailPage";
import { ResidentFormPage } from "../features/residents/components/ResidentFormPage";
import { ResidentListPage } from "../features/residents/components/ResidentListPage";
import { RoundsPage } from "../features/services/components/RoundsPage";
import { ServicesPage } from "../features/services/components/ServicesPage";
import { StatsPage } from "../features/stats/components/StatsPage";
import { SettingsPage } from "../features/settings/components/SettingsPage";
import { SyncPage } from "../features/sync/components/SyncPage";
import { UsersPage } from "../features/users/components/UsersPage";
import { AppLayout } from "./AppLayout";
import { NAV_ENTRIES } from "./navigation";
import { PlaceholderPage } from "./PlaceholderPage";
import { RequirePermission } from "./RequirePermission";

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<Navigate to="/home" replace />} />
        <Route path="home" element={<HomePage />} />
        <Route path="residents" element={<ResidentListPage />} />
        <Route
          path="residents/new"
          element={
            <RequirePermission permission="edit_residents">
              <ResidentFormPage />
            </RequirePermission>
          }
        />
        <Route
          path="residents/import"
          element={
            <RequirePermission permission="edit_residents">
              <ImportWizard />
            </RequirePermission>
          }
        />
        <Route path="residents/:id" element={<ResidentDetailPage />} />
        <Route
          path="residents/:id/edit"
          element={
            <RequirePermission permission="edit_residents">
              <ResidentFormPage />
            </RequirePermission>
          }
        />
        <Route
          path="users"
          element={
            <RequirePermission permission="manage_users">
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path="audit"
          element={
            <RequirePermission permission="view_audit">
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route path="services" element={<ServicesPage />} />
        <Route
          path="services/rounds/:homeId"
          element={
            <RequirePermission permission="record_care">
              <RoundsPage />
            </RequirePermission>
          }
        />
        <Route path="contracts" element={<ContractsPage />} />
        <Route path="homecare" element={<HomeCarePage />} />
        <Route path="agreements" element={<AgreementsPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="sync" element={<SyncPage />} />
        <Route path="stats" element={<StatsPage />} />
        {NAV_ENTRIES.filter((e) => e.purpose !== undefined).map((e) => (
          <Route
            key={e.path}
            path={e.path}
            element={<PlaceholderPage title={e.label} purpose={e.purpose ?? ""} />}
          />
        ))}
        <Route path="*" element={<Navigate to="/home" replace />} />
      </Route>
    </Routes>
  );
}
