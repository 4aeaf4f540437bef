import { Col, DatePicker, Form, Row } from 'antd';
import { useT } from '../../../i18n/I18nProvider';

// The effective date and next periodic-review date of a document version, side by side; shared
// by the new-document dialog and the draft editor.
export function VersionDatesRow() {
  const t = useT();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name="effective_date" label={t('documents.field.effectiveDate')}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="review_due_date" label={t('documents.field.reviewDueDate')}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    </Row>
  );
}
