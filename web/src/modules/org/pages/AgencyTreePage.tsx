// Agencies of the province as a tree, searchable without diacritics, with the selected one's
// details beside it. Administrators add, edit and deactivate agencies here.
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Input, Row, Space, Spin, Switch, Tag, Tooltip, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useCurrentUser } from '../../auth/session';
import { useAgencies } from '../api';
import { AgencyDetails } from '../components/AgencyDetails';
import { AgencyFormDialog, type AgencyFormTarget } from '../components/AgencyFormDialog';
import { DeactivateAgencyDialog } from '../components/DeactivateAgencyDialog';
import { Highlight } from '../components/Highlight';
import { kindLabelKey, levelColor, levelLabelKey, type Agency } from '../model';
import { buildAgencyTree, countNodes, filterAgencyTree, type AgencyNode } from '../tree';
import './agencies.css';

export default function AgencyTreePage() {
  const t = useT();
  const user = useCurrentUser();
  const canManage = user.roles.includes('administrator');
  const [showInactive, setShowInactive] = useState(false);
  const [query, setQuery] = useState('');
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<number[] | null>(null);   // null: roots open
  const [formTarget, setFormTarget] = useState<AgencyFormTarget | null>(null);
  const [deactivating, setDeactivating] = useState<Agency | null>(null);

  const agencies = useAgencies(showInactive);
  const list = useMemo(() => agencies.data ?? [], [agencies.data]);
  const byId = useMemo(() => new Map(list.map((a) => [a.id, a])), [list]);
  const tree = useMemo(() => buildAgencyTree(list), [list]);
  const filtered = useMemo(() => filterAgencyTree(tree, query), [tree, query]);
  const activeAgencies = useMemo(() => list.filter((a) => a.status === 'active'), [list]);
  const selected = selectedId === null ? null : byId.get(selectedId) ?? null;

  useEffect(() => {
    if (query.trim()) setExpanded(filtered.expanded);
    // Opening the matches' ancestors once per query; the user may fold them afterwards.
  }, [query, list]);

  const expandedKeys = expanded ?? tree.map((node) => node.agency.id);

  const treeData = useMemo(() => {
    const toData = (node: AgencyNode): DataNode => {
      const a = node.agency;
      const inactive = a.status !== 'active';
      return {
        key: a.id,
        title: (
          <span className={`agency-node${inactive ? ' is-inactive' : ''}`} data-testid={`agency-node-${a.id}`}>
            <span className="agency-node-name"><Highlight text={a.name} query={query} /></span>
            <Typography.Text type="secondary" className="agency-node-code">{a.unit_code}</Typography.Text>
            <Tag bordered={false}>{t(kindLabelKey(a.kind))}</Tag>
            <Tag bordered={false} color={inactive ? undefined : levelColor[a.level]}>{t(levelLabelKey(a.level))}</Tag>
            {inactive && <Tag color="default">{t('org.tree.inactiveTag')}</Tag>}
          </span>
        ),
        children: node.children.map(toData),
      };
    };
    return filtered.roots.map(toData);
  }, [filtered, query, t]);

  const openCreate = (parent: Agency | null) =>
    setFormTarget({ mode: 'create', parent: parent && parent.status === 'active' ? parent : null });

  const revealAgency = (agency: Agency) => {
    setSelectedId(agency.id);
    if (agency.parent_id !== null) {
      setExpanded((keys) => Array.from(new Set([...(keys ?? expandedKeys), agency.parent_id as number])));
    }
  };

  return (
    <div data-testid="agency-page">
      <div className="page-header">
        <Typography.Title level={3}>{t('org.tree.title')}</Typography.Title>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openCreate(selected)} data-testid="agency-create">
            {t('org.action.create')}
          </Button>
        )}
      </div>
      <Row gutter={[16, 16]} align="top">
        <Col xs={24} xl={15}>
          <Card>
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <div className="agency-toolbar">
                <Input.Search
                  allowClear
                  value={query}
                  onChange={(e) => setQuery(e.target.value)}
                  placeholder={t('org.tree.search')}
                  data-testid="agency-search"
                  className="agency-search"
                />
                <Space>
                  <Switch size="small" checked={showInactive} onChange={setShowInactive} data-testid="agency-show-inactive" />
                  <Typography.Text>{t('org.tree.showInactive')}</Typography.Text>
                </Space>
                <Tooltip title={t('app.action.retry')}>
                  <Button icon={<ReloadOutlined />} onClick={() => void agencies.refetch()} loading={agencies.isFetching}
                    aria-label={t('app.action.retry')} />
                </Tooltip>
              </div>
              {agencies.isError && (
                <Alert type="error" showIcon message={t('app.error.loadFailed')}
                  description={errorText(agencies.error, t)}
                  action={<Button size="small" onClick={() => void agencies.refetch()}>{t('app.action.retry')}</Button>} />
              )}
              {agencies.isPending ? (
                <div className="agency-loading"><Spin tip={t('app.state.loading')}><div /></Spin></div>
              ) : treeData.length === 0 ? (
                <Empty data-testid="agency-empty" image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={query.trim() ? t('org.tree.noMatch') : t('org.tree.empty')}>
                  {!query.trim() && canManage && (
                    <Button type="primary" icon={<PlusOutlined />} onClick={() => openCreate(null)}>
                      {t('org.action.create')}
                    </Button>
                  )}
                </Empty>
              ) : (
                <>
                  <Typography.Text type="secondary" data-testid="agency-count">
                    {t('org.tree.count', { count: query.trim() ? filtered.matched.size : countNodes(tree) })}
                  </Typography.Text>
                  <Tree
                    className="agency-tree"
                    data-testid="agency-tree"
                    blockNode
                    showLine={{ showLeafIcon: false }}
                    height={640}
                    treeData={treeData}
                    expandedKeys={expandedKeys}
                    onExpand={(keys) => setExpanded(keys.map(Number))}
                    selectedKeys={selectedId === null ? [] : [selectedId]}
                    onSelect={(keys) => keys.length && setSelectedId(Number(keys[0]))}   // a second click keeps it
                  />
                </>
              )}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <div className="agency-side">
            <AgencyDetails
              agency={selected}
              parent={selected?.parent_id != null ? byId.get(selected.parent_id) ?? null : null}
              canManage={canManage}
              onCreateChild={() => openCreate(selected)}
              onEdit={() => selected && setFormTarget({ mode: 'edit', agency: selected })}
              onDeactivate={() => selected && setDeactivating(selected)}
            />
          </div>
        </Col>
      </Row>
      {formTarget && (
        <AgencyFormDialog
          target={formTarget}
          agencies={activeAgencies}
          onClose={() => setFormTarget(null)}
          onSaved={(agency) => {
            setFormTarget(null);
            revealAgency(agency);
          }}
        />
      )}
      {deactivating && (
        <DeactivateAgencyDialog
          agency={deactivating}
          onClose={() => setDeactivating(null)}
          onDone={() => setDeactivating(null)}
        />
      )}
    </div>
  );
}
