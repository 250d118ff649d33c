import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { setUnauthenticatedHandler } from './app/api.ts';
import { Providers } from './app/providers.tsx';
import { router } from './app/router.tsx';

// The login page clears the cache on success; here we only leave the screen the session lapsed on.
setUnauthenticatedHandler(() => {
  if (router.state.location.pathname !== '/login') void router.navigate('/login', { replace: true });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
