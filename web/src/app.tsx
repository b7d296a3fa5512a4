import { Route, Routes } from 'react-router';
import { Layout } from './components/layout.tsx';
import { AccountsScreen } from './screens/accounts.tsx';
import { AuditScreen } from './screens/audit.tsx';
import { FrameworksScreen } from './screens/frameworks.tsx';
import { LoginScreen } from './screens/login.tsx';
import { MatrixScreen } from './screens/matrix.tsx';
import { MunicipalitiesScreen } from './screens/municipalities.tsx';
import { MunicipalityScreen } from './screens/municipality.tsx';
import { NotFoundScreen } from './screens/not-found.tsx';
import { PlanScreen } from './screens/plan.tsx';

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<MunicipalitiesScreen />} />
        <Route path="kommuner/:code" element={<MunicipalityScreen />} />
        <Route path="planer/:id" element={<PlanScreen />} />
        <Route path="planer/:id/ansvar" element={<MatrixScreen />} />
        <Route path="planer/:id/ramverk" element={<FrameworksScreen />} />
        <Route path="logga-in" element={<LoginScreen />} />
        <Route path="admin/logg" element={<AuditScreen />} />
        <Route path="admin/konton" element={<AccountsScreen />} />
        <Route path="*" element={<NotFoundScreen />} />
      </Route>
    </Routes>
  );
}
