import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireAuth } from './auth.tsx';
import { ChangePasswordPage } from './ChangePasswordPage.tsx';
import { HomePage } from './HomePage.tsx';
import { LoginPage } from './LoginPage.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

// Each module is its own chunk: a school clerk never downloads the audit screens.
const OrgTreePage = lazy(() =>
  import('../modules/org/org-tree/OrgTreePage.tsx').then((m) => ({ default: m.OrgTreePage })),
);
const PeopleListPage = lazy(() =>
  import('../modules/people/people-list/PeopleListPage.tsx').then((m) => ({ default: m.PeopleListPage })),
);
const AccountListPage = lazy(() =>
  import('../modules/accounts/account-list/AccountListPage.tsx').then((m) => ({
    default: m.AccountListPage,
  })),
);
const AuditListPage = lazy(() =>
  import('../modules/audit/audit-list/AuditListPage.tsx').then((m) => ({ default: m.AuditListPage })),
);
const JobListPage = lazy(() =>
  import('../modules/jobs/job-list/JobListPage.tsx').then((m) => ({ default: m.JobListPage })),
);

const ExamPrintPage = lazy(() =>
  import('../modules/exams/exam-print/ExamPrintPage.tsx').then((m) => ({ default: m.ExamPrintPage })),
);

/** Routes exist for every module; the menu (from `me.modules`) decides which ones a user is offered. */
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // The parent portal and the draw verification are public: they work without a session.
  {
    path: '/apply',
    Component: lazy(() =>
      import('../modules/enrollment/parent-portal/ParentPortalPage.tsx').then((m) => ({
        default: m.ParentPortalPage,
      })),
    ),
  },
  {
    path: '/enrollment/verify',
    Component: lazy(() =>
      import('../modules/enrollment/verify-draw/VerifyDrawPage.tsx').then((m) => ({
        default: m.VerifyDrawPage,
      })),
    ),
  },
  {
    path: '/enrollment/notice/:id',
    Component: lazy(() =>
      import('../modules/enrollment/notice/AdmissionNoticePage.tsx').then((m) => ({
        default: m.AdmissionNoticePage,
      })),
    ),
  },
  {
    path: '/enrollment/review-slip/:id',
    Component: lazy(() =>
      import('../modules/enrollment/parent-portal/ReviewBooking.tsx').then((m) => ({
        default: m.ReviewSlipPage,
      })),
    ),
  },
  // Printed documents (门贴, 座次表, 准考证 …) stand alone on A4 sheets, without the app shell.
  {
    path: '/exams/:id/print/:doc',
    element: (
      <RequireAuth>
        <Suspense fallback={null}>
          <ExamPrintPage />
        </Suspense>
      </RequireAuth>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomePage /> },
      { path: 'org', element: <OrgTreePage /> },
      { path: 'people', element: <PeopleListPage /> },
      {
        path: 'cases',
        Component: lazy(() =>
          import('../modules/cases/case-list/CaseListPage.tsx').then((m) => ({ default: m.CaseListPage })),
        ),
      },
      { path: 'accounts', element: <AccountListPage /> },
      { path: 'audit', element: <AuditListPage /> },
      { path: 'jobs', element: <JobListPage /> },
      {
        path: 'calendar',
        Component: lazy(() =>
          import('../modules/calendar/calendar-year/CalendarPage.tsx').then((m) => ({
            default: m.CalendarPage,
          })),
        ),
      },
      {
        path: 'imports',
        Component: lazy(() =>
          import('../modules/imports/import-center/ImportCenterPage.tsx').then((m) => ({
            default: m.ImportCenterPage,
          })),
        ),
      },
      {
        path: 'exams',
        Component: lazy(() =>
          import('../modules/exams/exam-list/ExamListPage.tsx').then((m) => ({ default: m.ExamListPage })),
        ),
      },
      {
        path: 'exams/:id',
        Component: lazy(() =>
          import('../modules/exams/exam-detail/ExamDetailPage.tsx').then((m) => ({
            default: m.ExamDetailPage,
          })),
        ),
      },
      {
        path: 'enrollment',
        Component: lazy(() =>
          import('../modules/enrollment/enrollment-admin/EnrollmentPage.tsx').then((m) => ({
            default: m.EnrollmentPage,
          })),
        ),
      },
      { path: 'account/password', element: <ChangePasswordPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
