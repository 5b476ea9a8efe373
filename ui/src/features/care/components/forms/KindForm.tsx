/** The form of one kind of entry. */
import type { FormInstance } from "antd";
import type { IpcError, ScaleSpec } from "../../../../ipc";
import type { HcSectionKey } from "../../healthCheckFields";
import type { FormTarget } from "../../recordKinds";
import { AssessmentForm } from "./AssessmentForm";
import type { KindFormProps } from "./formProps";
import { HealthCheckForm } from "./HealthCheckForm";
import { BedVisitForm, FamilyBedEndForm, FamilyBedForm, HomeCarePlanForm, HomeServiceForm } from "./HomeCareForms";
import { PrescriptionForm } from "./PrescriptionForm";
import {
  AbsenceForm,
  BookingForm,
  CarePlanForm,
  NoteForm,
  PlanForm,
  ReferralForm,
  RoundForm,
  VisitForm,
} from "./SimpleForms";

export interface KindFormSwitchProps extends KindFormProps {
  target: FormTarget;
  form: FormInstance;
  spec: ScaleSpec | undefined;
  specError: IpcError | undefined;
  showMissing: boolean;
  onAnswered: () => void;
  openSections: HcSectionKey[];
  onOpenSections: (keys: HcSectionKey[]) => void;
}

export function KindForm(props: KindFormSwitchProps) {
  const { target, item, errorOf } = props;
  const p: KindFormProps = { item, errorOf };
  switch (target.kind) {
    case "health_check":
      return <HealthCheckForm {...p} openSections={props.openSections} onOpenSections={props.onOpenSections} />;
    case "assessment":
      return (
        <AssessmentForm
          {...p}
          scale={target.scale}
          form={props.form}
          spec={props.spec}
          specError={props.specError}
          showMissing={props.showMissing}
          onAnswered={props.onAnswered}
        />
      );
    case "health_plan":
      return <PlanForm {...p} />;
    case "long_prescription":
      return <PrescriptionForm {...p} />;
    case "psych_intervention":
      return <NoteForm {...p} label="干预内容" />;
    case "rehab_guidance":
      return <NoteForm {...p} label="康复指导内容" />;
    case "consultation":
      return <NoteForm {...p} label="就诊情况" />;
    case "referral":
      return <ReferralForm {...p} />;
    case "specialist_booking":
      return <BookingForm {...p} />;
    case "round":
      return <RoundForm {...p} />;
    case "round_absence":
      return <AbsenceForm {...p} />;
    case "bedside_visit":
      return <VisitForm {...p} />;
    case "nursing_plan":
    case "hospice_plan":
      return <CarePlanForm {...p} />;
    case "nursing_visit":
      return <NoteForm {...p} label="服务内容" />;
    case "hospice_visit":
      return <NoteForm {...p} label="服务内容" />;
    case "home_care_plan":
      return <HomeCarePlanForm {...p} />;
    case "home_service":
      return <HomeServiceForm {...p} />;
    case "family_bed":
      return <FamilyBedForm {...p} />;
    case "family_bed_end":
      return <FamilyBedEndForm {...p} />;
    case "bed_visit":
      return <BedVisitForm {...p} />;
  }
}
