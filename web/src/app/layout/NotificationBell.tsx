import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Empty, List, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { TNotification } from '../../../../contracts/notifications.ts';
import { useMarkAllRead, useMarkRead, useNotifications } from '../../modules/notifications/api.ts';
import { useT } from '../i18n.tsx';

/** The bell in the header: unread count, the latest notifications; opening one marks it read. */
export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const data = notifications.data;

  const openItem = (item: TNotification) => {
    if (!item.readAt) markRead.mutate(item.id);
    if (item.link) {
      setOpen(false);
      navigate(item.link);
    }
  };

  const panel = (
    <div
      style={{ width: 360, background: '#fff', borderRadius: 8, boxShadow: '0 6px 16px rgba(0,0,0,0.12)' }}
      data-testid="notification-panel"
    >
      <div style={{ display: 'flex', alignItems: 'center', padding: '8px 12px' }}>
        <Typography.Text strong style={{ marginRight: 'auto' }}>
          {t('notifications.title')}
        </Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={!data?.unread}
          loading={markAllRead.isPending}
          onClick={() => markAllRead.mutate()}
        >
          {t('notifications.readAll')}
        </Button>
      </div>
      <div style={{ maxHeight: 400, overflowY: 'auto' }}>
        {data?.items.length ? (
          <List
            dataSource={data.items}
            renderItem={(item) => (
              <List.Item
                onClick={() => openItem(item)}
                style={{ cursor: 'pointer', padding: '8px 12px', opacity: item.readAt ? 0.6 : 1 }}
                data-testid="notification-item"
              >
                <List.Item.Meta
                  avatar={item.readAt ? null : <Badge status="processing" />}
                  title={item.title}
                  description={
                    <>
                      <div>{item.body}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {dayjs(item.createdAt).format('YYYY-MM-DD HH:mm')}
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
        )}
      </div>
    </div>
  );

  return (
    <Dropdown popupRender={() => panel} trigger={['click']} open={open} onOpenChange={setOpen}>
      <Button
        type="text"
        aria-label={t('notifications.title')}
        data-testid="notification-bell"
        icon={
          <Badge count={data?.unread ?? 0} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Dropdown>
  );
}
